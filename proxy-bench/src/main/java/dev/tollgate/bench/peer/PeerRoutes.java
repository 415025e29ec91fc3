package dev.tollgate.bench.peer;

/** The static stand-in for a client-credentials token that the peers' "-cc" routes set. */
public final class PeerRoutes {
    /** A fixed, public dummy value (about a short opaque token's length), not a credential of anything. */
    public static final String STATIC_BEARER = "Bearer static-bench-token-0123456789abcdef";

    private PeerRoutes() {
    }
}
