package dev.tollgate.core.backend;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a backend connection: hands responses to the exchange that currently owns the connection.
 * Between exchanges the connection sits in its pool; anything it then receives is unexpected, so it is closed, and
 * when it closes or idles out it leaves the pool.
 */
final class BackendExchangeHandler extends ChannelInboundHandlerAdapter {
    /** What the exchange holding the connection hears from it; called on the connection's event loop. */
    interface Owner {
        /** A response part; ownership passes to the owner. */
        void onBackendMessage(Object msg);

        /** The end of one read batch: a good moment to flush what was forwarded. */
        void onBackendReadComplete();

        void onBackendWritabilityChanged();

        /**
         * The connection failed ({@code cause}) or closed ({@code null}) while held. The handler has let go of the
         * owner already, so this is heard once.
         */
        void onBackendFailure(Throwable cause);
    }

    private final BackendPool pool;
    private final int host;
    private Owner exchange;

    BackendExchangeHandler(BackendPool pool, int host) {
        this.pool = pool;
        this.host = host;
    }

    void attach(Owner exchange) {
        this.exchange = exchange;
    }

    void detach() {
        this.exchange = null;
    }

    /** Null for a one-off connection to a host outside the backend's list: it is never pooled. */
    BackendPool pool() {
        return pool;
    }

    int host() {
        return host;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange != null) {
            exchange.onBackendMessage(msg);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onBackendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onBackendWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Owner x = exchange;
        exchange = null;
        if (x != null) {
            x.onBackendFailure(null);
        } else if (pool != null) {
            pool.remove(ctx.channel(), host);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Owner x = exchange;
        exchange = null;
        if (x != null) {
            x.onBackendFailure(cause);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (exchange == null) {
                ctx.close(); // idle in the pool for idleTimeout
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
