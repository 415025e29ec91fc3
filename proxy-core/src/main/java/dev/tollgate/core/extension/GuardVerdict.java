package dev.tollgate.core.extension;

import java.util.Objects;

/**
 * What an {@link EndpointGuard} says about a request at once: let it through, stop it (with a status the client
 * gets and a log line), or answer later through its listener. {@link #PASS} and {@link #PENDING} are shared
 * constants, so the common answer costs no allocation.
 */
public final class GuardVerdict {
    public static final GuardVerdict PASS = new GuardVerdict(null);
    public static final GuardVerdict PENDING = new GuardVerdict(null);

    private final GateRejection rejection;

    private GuardVerdict(GateRejection rejection) {
        this.rejection = rejection;
    }

    /** A rejection: {@code status} with an empty body, as KrakenD's middlewares abort. */
    public static GuardVerdict reject(GateRejection rejection) {
        return new GuardVerdict(Objects.requireNonNull(rejection, "rejection"));
    }

    /** The rejection, or null for {@link #PASS} and {@link #PENDING}. */
    public GateRejection rejection() {
        return rejection;
    }

    @Override
    public String toString() {
        return this == PASS ? "pass" : this == PENDING ? "pending" : "reject " + rejection.status();
    }
}
