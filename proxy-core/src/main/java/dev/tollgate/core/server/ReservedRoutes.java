package dev.tollgate.core.server;

import dev.tollgate.core.exchange.RequestHandler;

/**
 * KrakenD's reserved paths, answered before the endpoint router: the health endpoint ({@code /__health} or
 * {@code router.health_path}), and {@code /__echo/*} and {@code /__debug/*} when enabled. On the hot path: one
 * string comparison (lengths first) and one character test.
 */
public final class ReservedRoutes {
    private final String healthPath;
    private final RequestHandler health;
    private final RequestHandler echo;
    private final RequestHandler debug;

    /**
     * @param healthPath where {@code health} answers; null when disabled
     * @param echo, debug null when disabled
     */
    public ReservedRoutes(String healthPath, RequestHandler health, RequestHandler echo, RequestHandler debug) {
        this.healthPath = healthPath;
        this.health = health;
        this.echo = echo;
        this.debug = debug;
    }

    /** The built-in handler for {@code path}, or null when it is an ordinary path. */
    public RequestHandler find(String path) {
        if (healthPath != null && path.equals(healthPath)) {
            return health;
        }
        if (path.length() < 3 || path.charAt(1) != '_' || path.charAt(2) != '_') {
            return null;
        }
        if (echo != null && isUnder(path, "/__echo")) {
            return echo;
        }
        if (debug != null && isUnder(path, "/__debug")) {
            return debug;
        }
        return null;
    }

    private static boolean isUnder(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
