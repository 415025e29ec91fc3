package dev.tollgate.core.extension;

import dev.tollgate.core.config.EndpointConfig;

/**
 * A feature configured by one endpoint {@code extra_config} namespace that decides on a client request before the
 * endpoint calls any backend (JWT validation, rate limits), as KrakenD's handler middlewares do.
 *
 * <p>Lifecycle: {@link #parse} while the config loads; {@link #guard} once per endpoint when the gateway is built;
 * {@link #start} once the event loops exist; {@link #close} at shutdown.
 *
 * @param <C> the immutable config record this namespace parses into
 */
public interface EndpointExtension<C> extends Extension<C> {

    @Override
    default Level level() {
        return Level.ENDPOINT;
    }

    /** The endpoint's guard; null when there is nothing to check (a disabled block). */
    EndpointGuard guard(EndpointConfig endpoint, C config);
}
