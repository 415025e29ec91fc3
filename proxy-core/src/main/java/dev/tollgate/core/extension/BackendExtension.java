package dev.tollgate.core.extension;

import dev.tollgate.core.config.BackendConfig;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.util.List;

/**
 * A feature configured by one backend {@code extra_config} namespace (client credentials, martian modifiers, ...).
 * This is how features plug into the backend path without {@code proxy-core} knowing their details.
 *
 * <p>Lifecycle: {@link #parse} runs while the config loads (also for {@code check}); {@link #decorate} runs once
 * per backend when the gateway is built; {@link #start} once when the event loops exist; {@link #close} at
 * shutdown. An instance belongs to one running gateway, so it may share state across backends (one token holder
 * per credential set, for example).
 *
 * @param <C> the immutable config record this namespace parses into
 */
public interface BackendExtension<C> {

    /** The canonical namespace, e.g. {@code auth/client-credentials}. */
    String namespace();

    /** Older names accepted for the same namespace. */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * Parses this namespace's value. Reports every problem to {@code problems} with its JSON path (never echoing a
     * secret) and returns null when the value is unusable.
     */
    C parse(JsonNode value, JsonPath path, ConfigProblems problems);

    /** Attaches the feature to one backend; null when there is nothing to do (for example {@code is_disabled}). */
    BackendDecorator decorate(EndpointConfig endpoint, BackendConfig backend, C config);

    /**
     * Called once the event loops exist, before the gateway serves. Must not block.
     *
     * @param eventLoops        the gateway's event loops; an extension's own I/O (a token request) runs on them
     * @param socketChannelType the transport's client socket class (epoll or NIO) for an extension's own Bootstrap
     */
    default void start(EventLoopGroup eventLoops, Class<? extends SocketChannel> socketChannelType) {
    }

    /** Called at shutdown. */
    default void close() {
    }
}
