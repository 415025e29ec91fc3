package dev.tollgate.core.extension;

import dev.tollgate.core.config.BackendConfig;
import dev.tollgate.core.config.EndpointConfig;

/**
 * A feature configured by one backend {@code extra_config} namespace (client credentials, martian modifiers, ...).
 * This is how features plug into the backend path without {@code proxy-core} knowing their details.
 *
 * <p>Lifecycle: {@link #parse} runs while the config loads (also for {@code check}); {@link #decorate} runs once
 * per backend when the gateway is built; {@link #start} once when the event loops exist; {@link #close} at
 * shutdown.
 *
 * @param <C> the immutable config record this namespace parses into
 */
public interface BackendExtension<C> extends Extension<C> {

    @Override
    default Level level() {
        return Level.BACKEND;
    }

    /** Attaches the feature to one backend; null when there is nothing to do (for example {@code is_disabled}). */
    BackendDecorator decorate(EndpointConfig endpoint, BackendConfig backend, C config);
}
