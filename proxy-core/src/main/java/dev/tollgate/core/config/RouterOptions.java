package dev.tollgate.core.config;

/**
 * The part of KrakenD's router options ({@code extra_config["router"]}) that Tollgate implements.
 *
 * @param redirectTrailingSlash a path that has no route, but would have one with (or without) a trailing slash, is
 *                              redirected there (301 for GET, else 307), as KrakenD's router does by default
 * @param healthPath            where the health endpoint answers; null when {@code disable_health} removed it
 * @param returnErrorMessage    {@code return_error_msg}: a request Tollgate answers with an error (500, 502, 504)
 *                              gets the reason as a text body instead of an empty one
 * @param notFoundBody          {@code error_body["404"]} as compact JSON, or null for the plain-text default
 * @param methodNotAllowedBody  {@code error_body["405"]} as compact JSON, or null for the plain-text default
 * @param accessLog             one line per request, as KrakenD's router (gin) writes it; off with
 *                              {@code disable_access_log}
 * @param accessLogSkipPaths    {@code logger_skip_paths}: request paths (exact, without the query) not logged
 */
public record RouterOptions(boolean redirectTrailingSlash, String healthPath, boolean returnErrorMessage,
                            String notFoundBody, String methodNotAllowedBody, boolean accessLog,
                            java.util.Set<String> accessLogSkipPaths) {
    public static final String DEFAULT_HEALTH_PATH = "/__health";
    public static final RouterOptions DEFAULTS = new RouterOptions(true, DEFAULT_HEALTH_PATH, false, null, null);

    public RouterOptions {
        accessLogSkipPaths = java.util.Set.copyOf(accessLogSkipPaths);
    }

    /** Options with KrakenD's default access log (on, nothing skipped). */
    public RouterOptions(boolean redirectTrailingSlash, String healthPath, boolean returnErrorMessage,
                         String notFoundBody, String methodNotAllowedBody) {
        this(redirectTrailingSlash, healthPath, returnErrorMessage, notFoundBody, methodNotAllowedBody, true,
                java.util.Set.of());
    }

    /** The same options with the access log off (benchmarks, tests that read the log). */
    public RouterOptions withoutAccessLog() {
        return new RouterOptions(redirectTrailingSlash, healthPath, returnErrorMessage, notFoundBody,
                methodNotAllowedBody, false, accessLogSkipPaths);
    }
}
