package dev.tollgate.core.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires {@link IdleStateEvent#ALL_IDLE_STATE_EVENT} when a connection has neither read nor written for its idle
 * timeout, as Netty's {@code IdleStateHandler(0, 0, timeout)} does, without its cost on every write: to learn when
 * a write completed, that handler adds a listener to the write's promise (turning a void promise into a real one,
 * one allocation and one notification per write; a proxied request is about three writes on each side).
 *
 * <p>Here a read or a write only sets a flag. A check runs every quarter of the timeout: it clears the flag, or,
 * when four checks in a row found it clear, fires the event. So the event comes between the timeout and 1.25 times
 * the timeout after the last activity, and again every timeout while the connection stays idle (the owner decides
 * whether idleness matters: the front end only closes between requests, a backend connection only in the pool).
 * A write counts when it is made, not when it completes: a write stalled by a peer that stopped reading makes no
 * further writes (backpressure), so that connection still idles out.
 *
 * <p>One instance per channel; confined to its event loop.
 */
public final class IdleTimer extends ChannelDuplexHandler implements Runnable {
    private static final int CHECKS_PER_TIMEOUT = 4;

    private final long checkNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> check;
    private boolean active;
    private int quietChecks;

    /** @param timeoutMillis the idle timeout, above zero */
    public IdleTimer(long timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis: " + timeoutMillis + " (expected: > 0)");
        }
        this.checkNanos = Math.max(1, TimeUnit.MILLISECONDS.toNanos(timeoutMillis) / CHECKS_PER_TIMEOUT);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        active = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        active = true;
        ctx.write(msg, promise);
    }

    /** The periodic check. */
    @Override
    public void run() {
        check = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (active) {
            active = false;
            quietChecks = 0;
        } else if (++quietChecks >= CHECKS_PER_TIMEOUT) {
            quietChecks = 0;
            ctx.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
            if (!ctx.channel().isActive()) {
                return;
            }
        }
        check = ctx.executor().schedule(this, checkNanos, TimeUnit.NANOSECONDS);
    }

    private void start() {
        if (check == null) {
            active = true; // the connection just started: a full timeout from now
            check = ctx.executor().schedule(this, checkNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
