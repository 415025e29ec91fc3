package dev.tollgate.core.metrics;

import dev.tollgate.core.config.MetricsOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;

/** The metrics listener: a small HTTP server on the gateway's event loops, on a port of its own. */
public final class MetricsServer {
    /** A scrape request is a few hundred bytes; anything bigger is not a scrape. */
    private static final int MAX_REQUEST_BYTES = 8 * 1024;

    private MetricsServer() {
    }

    /**
     * Binds {@code listener}; returns the bound channel.
     *
     * @throws IllegalStateException when the address cannot be bound (the message says which and why)
     */
    public static Channel bind(MetricsOptions.Listener listener, GatewayMetrics metrics, EventLoopGroup group,
                               Class<? extends ServerChannel> serverChannel) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(serverChannel)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(30))
                                .addLast(new HttpServerCodec(4096, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES))
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(new MetricsHandler(metrics, listener.paths()));
                    }
                });
        String host = listener.host().isEmpty() ? "*" : listener.host();
        // An empty host is every interface, IPv4 and IPv6, as Go's ":9090" listens.
        ChannelFuture bind = (listener.host().isEmpty() ? bootstrap.bind(new InetSocketAddress(listener.port()))
                : bootstrap.bind(listener.host(), listener.port())).await();
        if (!bind.isSuccess()) {
            String why = bind.cause() == null ? "unknown error" : String.valueOf(bind.cause().getMessage());
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + listener.port() + " ("
                    + listener.from() + "): " + why);
        }
        return bind.channel();
    }

    /** The port a bound metrics channel listens on. */
    public static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }
}
