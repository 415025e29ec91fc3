package dev.tollgate.core.backend;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;

/**
 * The backend connection one exchange holds: the one place that takes an idle pooled connection or opens a new one
 * (a one-off for a redirect target outside the backend's hosts), and the one place that gives it back. One lease
 * per exchange, used again for each redirect hop and for the retry; confined to the exchange's event loop, as
 * Armeria's {@code PooledChannel} and Zuul's {@code PooledConnection}.
 *
 * <p>A connection that is opened reaches the exchange through {@link Exchange#onConnected()} or
 * {@link Exchange#onConnectFailed}; one that completes after the lease let go of it is closed.
 */
final class BackendLease implements ChannelFutureListener {
    private final Exchange exchange;
    private final BackendRoute route;
    private final EventLoop loop;

    /** The connect in progress; null when none is, or when the lease let go of it. */
    private ChannelFuture connecting;
    private Channel channel;
    private BackendExchangeHandler handler;
    /** Where the current (or last) connection goes; stays after release, for the log lines about it. */
    private BackendHost host;
    /** The connection came from the pool (it may have been closed by the peer meanwhile). */
    private boolean reused;

    BackendLease(Exchange exchange, BackendRoute route, EventLoop loop) {
        this.exchange = exchange;
        this.route = route;
        this.loop = loop;
    }

    /** A connection to the backend's next host, round-robin. */
    void acquire() {
        BackendPool pool = route.pools().pool(loop);
        acquire(pool, pool.nextHost());
    }

    /** A connection for a redirect hop: pooled when it names one of the backend's hosts, else a one-off. */
    void acquire(Redirects.Hop hop) {
        if (hop.hostIndex() >= 0) {
            acquire(route.pools().pool(loop), hop.hostIndex());
        } else {
            acquireOneOff(hop.target());
        }
    }

    /** The most recently used idle connection to {@code index}, else a new one. */
    private void acquire(BackendPool pool, int index) {
        host = route.host(index);
        Channel idle = pool.pollIdle(index);
        if (idle != null) {
            reused = true;
            take(idle);
            return;
        }
        connect(pool.connect(index));
    }

    /** A new connection to {@code target}, outside the backend's hosts: no decorators, never pooled. */
    private void acquireOneOff(BackendHost target) {
        host = target;
        connect(route.pools().connectOneOff(loop, target));
    }

    /**
     * Closes the held pooled connection and opens a new one to the same host, never from the pool: the retry after
     * a reused connection failed.
     */
    void reconnect() {
        BackendPool pool = handler.pool();
        int index = handler.host();
        close();
        connect(pool.connect(index));
    }

    private void connect(ChannelFuture f) {
        reused = false;
        connecting = f;
        if (f.isDone()) {
            operationComplete(f);
        } else {
            f.addListener(this); // the lease is the listener: a connect allocates no lambda
        }
    }

    @Override
    public void operationComplete(ChannelFuture f) {
        if (f != connecting) {
            f.channel().close(); // the exchange ended (timeout, client gone) while connecting
            return;
        }
        connecting = null;
        if (!f.isSuccess()) {
            exchange.onConnectFailed(host, f.cause());
            return;
        }
        take(f.channel());
    }

    private void take(Channel ch) {
        channel = ch;
        // The initializer puts the exchange handler last: tail lookup instead of a by-name walk per request.
        handler = ch.pipeline().last() instanceof BackendExchangeHandler last ? last
                : (BackendExchangeHandler) ch.pipeline().get(BackendChannelInitializer.EXCHANGE);
        handler.attach(exchange);
        exchange.onConnected();
    }

    /** The held connection's exchange is over: back to its pool when it may be reused, else closed. */
    void recycle(boolean keepAlive) {
        Channel ch = channel;
        BackendExchangeHandler h = handler;
        channel = null;
        handler = null;
        h.detach();
        if (keepAlive && h.pool() != null) {
            ch.config().setAutoRead(true);
            h.pool().release(ch, h.host());
        } else {
            ch.close();
        }
    }

    /** Closes (never pools) the held connection and any connect in progress. */
    void close() {
        if (connecting != null) {
            connecting.channel().close();
            connecting = null;
        }
        if (channel != null) {
            handler.detach();
            channel.close();
            channel = null;
            handler = null;
        }
    }

    /** Whether a connection is held (false while connecting and after release). */
    /** The connection held, or null. */
    Channel channel() {
        return channel;
    }

    boolean held() {
        return channel != null;
    }

    boolean reused() {
        return reused;
    }

    BackendHost host() {
        return host;
    }

    // The held connection; only while held().

    void write(Object msg) {
        channel.write(msg, channel.voidPromise());
    }

    void flush() {
        channel.flush();
    }

    boolean writable() {
        return channel.isWritable();
    }

    void autoRead(boolean read) {
        channel.config().setAutoRead(read);
    }
}
