package dev.tollgate.core.extension;

import dev.tollgate.core.config.ConfigNamespace;
import dev.tollgate.core.config.ExtensionConfigs;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;

/**
 * The run-time half of a feature configured by one {@code extra_config} namespace, common to backend and endpoint
 * features: it is started once the event loops exist and closed at shutdown. An instance belongs to one running
 * gateway, so it may share state across the places that use it (one token holder per credential set, one key set
 * per JWKS URL).
 *
 * @param <C> the immutable config record its namespace parses into
 */
public interface Extension<C> extends ConfigNamespace<C> {

    /**
     * Called once the event loops exist, before the gateway serves. Must not block.
     *
     * @param eventLoops        the gateway's event loops; an extension's own I/O (a token request) runs on them
     * @param socketChannelType the transport's client socket class (epoll or NIO) for an extension's own Bootstrap
     */
    default void start(EventLoopGroup eventLoops, Class<? extends SocketChannel> socketChannelType) {
    }

    /**
     * As {@link #start(EventLoopGroup, Class)}, with the gateway's top-level namespaces (those of
     * {@link Level#GATEWAY}): what the gateway calls. An extension that a top-level setting changes (client
     * credentials and {@code tollgate/token-cache}) overrides this one.
     */
    default void start(ExtensionConfigs gateway, EventLoopGroup eventLoops,
                       Class<? extends SocketChannel> socketChannelType) {
        start(eventLoops, socketChannelType);
    }

    /**
     * Called once after {@link #start} when the gateway serves metrics: register gauges or counters that read the
     * extension's own state at scrape time (nothing on the request path). Never a secret or token in a label.
     */
    default void registerMetrics(dev.tollgate.core.metrics.GatewayMetrics metrics) {
    }

    /** Called at shutdown. */
    default void close() {
    }
}
