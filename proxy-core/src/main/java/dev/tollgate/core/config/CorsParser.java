package dev.tollgate.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Reads {@code security/cors} as krakend-cors' {@code ConfigGetter} and its mux middleware (the one KrakenD CE
 * runs) do: absent lists of origins and headers mean {@code *}; an answered preflight is 204 unless
 * {@code options_success_status} says otherwise. Where KrakenD silently ignores a value of the wrong type (or, for
 * {@code max_age}, crashes on one), Tollgate reports it at its path.
 */
final class CorsParser {
    static final String NAMESPACE = "security/cors";
    /** krakend-ce's alias table. */
    static final String LEGACY_NAMESPACE = "github_com/devopsfaith/krakend-cors";
    private static final List<String> ALL = List.of("*");

    private CorsParser() {
    }

    static CorsConfig parse(ConfigObject o) {
        List<String> origins = o.stringList("allow_origins");
        List<String> methods = o.stringList("allow_methods");
        List<String> headers = o.stringList("allow_headers");
        List<String> expose = o.stringList("expose_headers");
        boolean credentials = o.bool("allow_credentials", false);
        boolean privateNetwork = o.bool("allow_private_network", false);
        boolean passthrough = o.bool("options_passthrough", false);
        int status = o.integer("options_success_status", 0, 0, 599);
        if (status != 0 && status < 200) {
            o.problems().error(o.path("options_success_status"), status + " is not a final status (expected "
                    + "200..599)");
            status = 0;
        }
        Duration maxAge = o.duration("max_age", Duration.ZERO);
        if (maxAge != null && maxAge.isNegative()) {
            // rs/cors sends "Access-Control-Max-Age: 0" for a negative MaxAge: caching disabled.
            maxAge = Duration.ofSeconds(-1);
        }
        boolean debug = o.bool("debug", false);
        o.warnUnknownKeys();
        if (credentials && (origins.isEmpty() || origins.contains("*"))) {
            o.problems().warn(o.path("allow_credentials"), "with every origin allowed, browsers refuse credentialed "
                    + "answers (Access-Control-Allow-Origin: * with credentials), as they do behind KrakenD");
        }
        return new CorsConfig(origins.isEmpty() ? ALL : origins, methods, headers.isEmpty() ? ALL : headers,
                expose, credentials, privateNetwork, passthrough, status == 0 ? 204 : status,
                maxAge == null ? Duration.ZERO : maxAge, debug);
    }
}
