package dev.tollgate.core.guard;

import dev.tollgate.core.config.GoDuration;
import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.extension.GateRejection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A request whose guard must wait before it answers (a key set being fetched). Until then the client is not read
 * (what one read batch already decoded is held here); once the guard passes, the remaining guards and the
 * endpoint's own exchange take over, with this object standing in for the client connection so that exchange's
 * {@code exchangeDone} reaches the frontend as this exchange's. Bounded by the endpoint timeout (504).
 */
final class PendingGuards implements ClientExchange, ClientConnection, EndpointGuard.Listener {
    private final GuardedRoute route;
    private final int guard;
    private final ClientConnection connection;
    private final HttpRequest request;
    private final String[] params;
    private final ArrayDeque<HttpContent> held = new ArrayDeque<>(2);
    private ScheduledFuture<?> timeout;
    /** The exchange that took over: the next guards' and the endpoint's, or a rejection. */
    private ClientExchange next;
    private boolean clientClosed;
    /** The exchange that took over has finished; held body chunks are the frontend's to drop. */
    private boolean finished;

    PendingGuards(GuardedRoute route, int guard, ClientConnection connection, HttpRequest request, String[] params) {
        this.route = route;
        this.guard = guard;
        this.connection = connection;
        this.request = request;
        this.params = params;
    }

    @Override
    public void start() {
        timeout = connection.channel().eventLoop().schedule(this::onTimeout, route.timeoutNanos(),
                TimeUnit.NANOSECONDS);
        route.guard(guard).await(request, connection.clientIp(), params, connection.channel().eventLoop(),
                this);
    }

    @Override
    public void onPass() {
        if (decided()) {
            return;
        }
        takeOver(route.from(guard + 1, this, request, params));
    }

    @Override
    public void onRejected(GateRejection rejection) {
        if (decided()) {
            return;
        }
        takeOver(route.rejected(this, rejection));
    }

    private void onTimeout() {
        if (next == null && !clientClosed) {
            takeOver(route.rejected(this, new GateRejection(504, "a guard did not answer within the endpoint "
                    + "timeout (" + GoDuration.format(Duration.ofNanos(route.timeoutNanos())) + ")"),
                    GuardedRoute.Line.TIMED_OUT));
        }
    }

    /** True when the answer came too late (timeout) or nobody waits for it (client gone). */
    private boolean decided() {
        if (next != null || clientClosed) {
            return true;
        }
        timeout.cancel(false);
        return false;
    }

    private void takeOver(ClientExchange exchange) {
        next = exchange;
        exchange.start();
        HttpContent content;
        while ((content = held.poll()) != null) {
            if (finished) {
                content.release(); // the exchange already finished (a rejection): the frontend drops the rest
            } else {
                exchange.onContent(content);
            }
        }
        connection.readingChanged();
    }

    @Override
    public void onContent(HttpContent content) {
        if (next != null) {
            next.onContent(content);
        } else {
            held.add(content);
        }
    }

    @Override
    public boolean wantsContent() {
        return next != null && next.wantsContent();
    }

    @Override
    public void onClientReadComplete() {
        if (next != null) {
            next.onClientReadComplete();
        }
    }

    @Override
    public void onClientWritabilityChanged() {
        if (next != null) {
            next.onClientWritabilityChanged();
        }
    }

    @Override
    public void onRequestBroken() {
        if (next != null) {
            next.onRequestBroken();
        } else if (!decided()) {
            takeOver(route.rejected(this, new GateRejection(400, "malformed request body")));
        }
    }

    @Override
    public void onClientClosed() {
        clientClosed = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        HttpContent content;
        while ((content = held.poll()) != null) {
            content.release();
        }
        if (next != null) {
            next.onClientClosed();
        }
    }

    // ClientConnection, as the exchange that took over sees it

    @Override
    public ChannelHandlerContext ctx() {
        return connection.ctx();
    }

    @Override
    public Channel channel() {
        return connection.channel();
    }

    @Override
    public String clientIp() {
        return connection.clientIp();
    }

    @Override
    public boolean draining() {
        return connection.draining();
    }


    @Override
    public void exchangeDone(ClientExchange exchange, boolean close) {
        if (exchange == next && !finished) {
            finished = true;
            connection.exchangeDone(this, close);
        }
    }

    @Override
    public void readingChanged() {
        connection.readingChanged();
    }
}
