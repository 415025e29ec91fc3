package dev.tollgate.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * KrakenD's {@code read_header_timeout} (Go's {@code http.Server.ReadHeaderTimeout}): a client gets this long from
 * the first byte of a request (from the accept, for a connection's first request) until its header section is
 * complete. Without it a slowloris client that trickles one header byte at a time holds a connection forever, as
 * the idle timer restarts on every byte. On expiry {@link #EXPIRED} goes down the pipeline and the
 * {@link FrontendHandler} answers 408 and closes (or just closes when a response is in flight).
 *
 * <p>Two pipeline entries share this state: {@link #bytes()} before the codec sees the raw bytes (a request's first
 * byte starts the timer), {@link #heads()} after it sees decoded requests (a head stops it, the end of the request
 * makes the next byte a new request's first). Confined to the channel's event loop.
 *
 * <p>Known gap: when a read ends one request and carries part of the next one's head, the timer for that next
 * request starts with the following read (the codec keeps the leftover bytes out of sight); such a connection is
 * still bounded by the idle timeout.
 */
final class ReadHeaderTimeout {
    /** The user event fired after the codec when the header section did not arrive in time. */
    static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "ReadHeaderTimeout.EXPIRED";
        }
    };

    private final long timeoutNanos;
    private final Runnable expire = this::expire;
    private ChannelHandlerContext headsCtx;
    /** The pending check, or null; it may outlive the head it was scheduled for (see {@link #arm}). */
    private ScheduledFuture<?> timer;
    /** When the head now awaited must be complete, on the event loop's ticker. */
    private long deadlineNanos;
    private boolean awaitingHead;
    /** The last request ended (true), so the next byte starts a new one; false while a head is awaited or read. */
    private boolean betweenRequests;

    ReadHeaderTimeout(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeoutNanos: " + timeoutNanos + " (expected: > 0)");
        }
        this.timeoutNanos = timeoutNanos;
    }

    /** Goes before the codec. */
    ChannelInboundHandlerAdapter bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) throws Exception {
                arm(ctx); // the first request's clock starts at accept
                super.channelActive(ctx);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (betweenRequests && msg instanceof ByteBuf buf && buf.isReadable()) {
                    betweenRequests = false;
                    arm(ctx);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                stop();
                super.channelInactive(ctx);
            }
        };
    }

    /** Goes right after the codec. */
    ChannelInboundHandlerAdapter heads() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                headsCtx = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    headArrived();
                }
                if (msg instanceof LastHttpContent) {
                    betweenRequests = true;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /**
     * Starts the clock for a request's head. The pending check is not moved per request: it stays scheduled and,
     * when it runs, either fires, goes back to sleep until the current head's deadline, or finds no head awaited.
     * So a keep-alive connection schedules one task per timeout, not one per request (plus a cancel).
     */
    private void arm(ChannelHandlerContext ctx) {
        deadlineNanos = ctx.executor().ticker().nanoTime() + timeoutNanos;
        awaitingHead = true;
        if (timer == null) {
            timer = ctx.executor().schedule(expire, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The head arrived: nothing is awaited until the next request's first byte. */
    private void headArrived() {
        awaitingHead = false;
    }

    private void stop() {
        awaitingHead = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire() {
        timer = null;
        if (!awaitingHead || headsCtx == null || !headsCtx.channel().isActive()) {
            return;
        }
        long left = deadlineNanos - headsCtx.executor().ticker().nanoTime();
        if (left > 0) {
            timer = headsCtx.executor().schedule(expire, left, TimeUnit.NANOSECONDS);
            return;
        }
        awaitingHead = false;
        headsCtx.fireUserEventTriggered(EXPIRED);
    }
}
