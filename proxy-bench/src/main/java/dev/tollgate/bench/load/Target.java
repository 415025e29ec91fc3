package dev.tollgate.bench.load;

import static java.util.Objects.requireNonNull;

/**
 * One thing the harness measures.
 *
 * @param name short label used in the table, file names and the plot
 * @param kind what sits between the load generator and the origin
 * @param url  the loopback URL requested
 * @param authorization the {@code Authorization} value every request carries, or null
 */
record Target(String name, Kind kind, String url, String authorization) {
    enum Kind {
        /** The origin itself: the baseline. */
        DIRECT,
        /** Tollgate, endpoint without auth. */
        PROXY,
        /** Tollgate, endpoint whose backend has auth/client-credentials. */
        PROXY_CLIENT_CREDENTIALS,
        /** Tollgate, a json endpoint merging two backends' answers (both the origin's object). */
        PROXY_MERGE,
        /** Tollgate, a no-op endpoint behind auth/validator, called with one valid HS256 token. */
        PROXY_JWT,
        /** Any other URL given with --target. */
        EXTERNAL
    }

    Target {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(url, "url");
        if (authorization != null && (authorization.indexOf('\r') >= 0 || authorization.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("authorization: one header line expected");
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("target name: " + name + " (expected: letters, digits, . _ -)");
        }
    }

    /** A target whose requests carry no credentials. */
    Target(String name, Kind kind, String url) {
        this(name, kind, url, null);
    }

    /**
     * The body length a 2xx response must have: the origin's payload, unknown (-1) behind an external URL. Merging
     * two copies of the origin's {@code {"data":"x..."}} gives the same object back, written as Go writes it: the
     * same bytes, so the merging endpoint is checked too.
     */
    long expectedBodyBytes(int payload) {
        return kind == Kind.EXTERNAL ? -1 : payload;
    }

    /** Without the credential: a target may be printed, a token never. */
    @Override
    public String toString() {
        return "Target[" + name + ", " + kind + ", " + url + (authorization == null ? "" : ", with Authorization")
                + "]";
    }

    boolean isTollgate() {
        return kind == Kind.PROXY || kind == Kind.PROXY_CLIENT_CREDENTIALS || kind == Kind.PROXY_MERGE
                || kind == Kind.PROXY_JWT;
    }
}
