package dev.tollgate.core.config;

import java.time.Duration;
import java.util.List;

/**
 * The top-level {@code security/cors} block, with krakend-cors' defaults applied (no origins or headers listed
 * means all of them).
 *
 * @param allowOrigins         origins as written ({@code *} alone, or with one {@code *} as a wildcard)
 * @param allowMethods         methods allowed cross-origin; empty means rs/cors' default GET, POST, HEAD
 * @param allowHeaders         request headers a preflight may ask for ({@code *} for any)
 * @param exposeHeaders        response headers a browser may show to the page
 * @param optionsSuccessStatus the status of an answered preflight (rs/cors' 204 unless set)
 * @param maxAge               how long a browser may cache a preflight; zero sends no {@code Access-Control-Max-Age}
 * @param debug                log each CORS decision (at debug level)
 */
public record CorsConfig(
        List<String> allowOrigins,
        List<String> allowMethods,
        List<String> allowHeaders,
        List<String> exposeHeaders,
        boolean allowCredentials,
        boolean allowPrivateNetwork,
        boolean optionsPassthrough,
        int optionsSuccessStatus,
        Duration maxAge,
        boolean debug) {

    public CorsConfig {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
