package dev.tollgate.bench.load;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One thing the harness measures.
 *
 * @param name short label used in the table, file names and the plot
 * @param kind what sits between the load generator and the origin
 * @param urls the loopback URLs requested, all on one host and port: one, or several the load is spread over
 *             (one endpoint per credential set), taken in turn
 * @param authorization the {@code Authorization} value every request carries, or null
 * @param process the harness-started process whose CPU time and memory are charged to this target ({@code proxy},
 *             {@code proxy-tls}, {@code haproxy}, {@code nginx}), or null for none (the origin, external URLs)
 * @param payload the body length every 2xx response has, or -1 when unknown (external URLs)
 */
record Target(String name, Kind kind, List<String> urls, String authorization, String process, int payload) {
    enum Kind {
        /** The origin itself: the baseline. */
        DIRECT,
        /** Tollgate, endpoint without auth. */
        PROXY,
        /** Tollgate, endpoint whose backend has auth/client-credentials. */
        PROXY_CLIENT_CREDENTIALS,
        /** Tollgate, the load spread over endpoints with distinct client-credentials sets (--credential-sets). */
        PROXY_CREDENTIAL_SETS,
        /** Tollgate, a json endpoint merging two backends' answers (both the origin's object). */
        PROXY_MERGE,
        /** Tollgate, a no-op endpoint behind auth/validator, called with one valid HS256 token. */
        PROXY_JWT,
        /** A peer proxy (HAProxy, nginx) the harness started, route without auth. */
        PEER,
        /** A peer proxy's route that sets a static Authorization header: what stamping is compared with. */
        PEER_STATIC_BEARER,
        /** Any other URL given with --target. */
        EXTERNAL
    }

    Target {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("urls: at least one expected");
        }
        if (authorization != null && (authorization.indexOf('\r') >= 0 || authorization.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("authorization: one header line expected");
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("target name: " + name + " (expected: letters, digits, . _ -)");
        }
    }

    /** A target whose requests carry no credentials and whose body is not checked. */
    Target(String name, Kind kind, String url) {
        this(name, kind, List.of(url), null, null, -1);
    }

    /** The first (usually only) URL. */
    String url() {
        return urls.get(0);
    }

    boolean tls() {
        return url().regionMatches(true, 0, "https:", 0, 6);
    }

    /** The body length a 2xx response must have, or -1 not to check. */
    long expectedBodyBytes() {
        return payload;
    }

    /** Without the credential: a target may be printed, a token never. */
    @Override
    public String toString() {
        return "Target[" + name + ", " + kind + ", " + url() + (urls.size() > 1 ? " (+" + (urls.size() - 1) + ")" : "")
                + (authorization == null ? "" : ", with Authorization") + "]";
    }
}
