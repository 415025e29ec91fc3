package dev.tollgate.core.server;

/**
 * KrakenD's reserved paths, answered before the endpoint router: {@code /__health}, and {@code /__echo/*} and
 * {@code /__debug/*} when enabled. Checked with one character test on the hot path.
 */
public final class ReservedRoutes {
    private final RequestHandler health;
    private final RequestHandler echo;
    private final RequestHandler debug;

    /** @param echo, debug null when disabled */
    public ReservedRoutes(RequestHandler health, RequestHandler echo, RequestHandler debug) {
        this.health = health;
        this.echo = echo;
        this.debug = debug;
    }

    /** The built-in handler for {@code path}, or null when it is an ordinary path. */
    public RequestHandler find(String path) {
        if (path.length() < 3 || path.charAt(1) != '_' || path.charAt(2) != '_') {
            return null;
        }
        if (path.equals("/__health")) {
            return health;
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
