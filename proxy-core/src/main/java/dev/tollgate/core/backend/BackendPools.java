package dev.tollgate.core.backend;

import dev.tollgate.core.extension.BackendDecorator;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetSocketAddress;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link BackendPool} per event loop for one backend, created at startup. A request takes its backend
 * connection from its client connection's loop, so a proxied byte never crosses threads.
 */
public final class BackendPools {
    private final Map<EventLoop, BackendPool> byLoop = new IdentityHashMap<>();
    /** For one-off connections to hosts a redirect names: no loop, no address, no decorators yet. */
    private final Bootstrap oneOffTemplate;
    private final SslContext ssl;
    private final long idleMillis;
    /** Counted per connection (not per request): its pipeline is built, and its close future fires once. */
    private final java.util.concurrent.atomic.LongAdder open = new java.util.concurrent.atomic.LongAdder();

    /**
     * @param hosts       the backend's hosts, used round-robin
     * @param resolver    resolves host names without blocking the event loop
     * @param ssl         for https hosts, and for https hosts that redirects name (null: every https connection
     *                    fails)
     * @param decorators  the extensions' decorators of this backend, in extension order
     * @param idleMillis  idle pooled connections are closed after this
     */
    public BackendPools(EventLoopGroup group, Class<? extends SocketChannel> socketChannel, List<BackendHost> hosts,
                        AddressResolverGroup<InetSocketAddress> resolver, SslContext ssl,
                        List<BackendDecorator> decorators, long idleMillis, int connectTimeoutMillis) {
        this.ssl = ssl;
        this.idleMillis = idleMillis;
        this.oneOffTemplate = new Bootstrap()
                .channel(socketChannel)
                .resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis);
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            Bootstrap[] bootstraps = new Bootstrap[hosts.size()];
            BackendPool pool = new BackendPool(loop, bootstraps);
            for (int i = 0; i < bootstraps.length; i++) {
                BackendHost host = hosts.get(i);
                int index = i;
                bootstraps[i] = new Bootstrap()
                        .group(loop)
                        .channel(socketChannel)
                        .resolver(resolver)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.SO_KEEPALIVE, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                        .remoteAddress(host.host(), host.port())
                        .handler(new BackendChannelInitializer(host, ssl, decorators, idleMillis, open,
                                () -> new BackendExchangeHandler(pool, index)));
            }
            byLoop.put(loop, pool);
        }
    }

    /** The pool of {@code loop}; null for a loop outside the gateway's group. */
    BackendPool pool(EventLoop loop) {
        return byLoop.get(loop);
    }

    /**
     * Opens a connection on {@code loop} to a host outside the backend's list (a redirect target). It gets no
     * decorator, so neither the backend's token nor its header modifiers reach that host, and it is closed after
     * its exchange instead of pooled.
     */
    ChannelFuture connectOneOff(EventLoop loop, BackendHost host) {
        return oneOffTemplate.clone(loop)
                .remoteAddress(host.host(), host.port())
                .handler(new BackendChannelInitializer(host, ssl, List.of(), idleMillis, open,
                        () -> new BackendExchangeHandler(null, -1)))
                .connect();
    }

    /** Open connections of this backend (pooled, busy and one-off), from any thread. */
    public long openConnections() {
        return open.sum();
    }

    /** Idle pooled connections of this backend across loops, from any thread (a recent value). */
    public int idleConnections() {
        int n = 0;
        for (BackendPool pool : byLoop.values()) {
            n += pool.idleGauge();
        }
        return n;
    }

    /** Idle connections across loops (read on each loop; for tests). */
    List<BackendPool> all() {
        return new ArrayList<>(byLoop.values());
    }

    /** Closes idle connections on every loop and makes later releases close instead of pooling. */
    public void close() {
        for (Map.Entry<EventLoop, BackendPool> e : byLoop.entrySet()) {
            if (!e.getKey().isShuttingDown()) {
                e.getKey().execute(e.getValue()::close);
            }
        }
    }
}
