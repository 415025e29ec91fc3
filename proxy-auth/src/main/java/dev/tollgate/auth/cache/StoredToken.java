package dev.tollgate.auth.cache;

import static java.util.Objects.requireNonNull;

/**
 * A token as the fleet shares it, in wall time (instances share no monotonic clock). Lives only in memory and,
 * sealed by {@link TokenSealer}, in Redis; {@link #toString()} never shows the token.
 *
 * @param value           the {@code access_token}
 * @param type            its {@code token_type} as received
 * @param issuedAtMillis  when the identity provider answered, epoch milliseconds
 * @param expiresAtMillis its real expiry, epoch milliseconds; {@link #NEVER} when it never expires
 */
record StoredToken(String value, String type, long issuedAtMillis, long expiresAtMillis) {
    static final long NEVER = 0;

    StoredToken {
        requireNonNull(value, "value");
        requireNonNull(type, "type");
    }

    boolean neverExpires() {
        return expiresAtMillis == NEVER;
    }

    /**
     * When an instance holding this token refreshes it: {@code margin} before expiry, or halfway through a lifetime
     * not longer than the margin (the holder's own rule), so the whole fleet agrees on one refresh point.
     */
    long refreshAtMillis(long marginMillis) {
        if (neverExpires()) {
            return Long.MAX_VALUE;
        }
        long lifetime = expiresAtMillis - issuedAtMillis;
        return lifetime > marginMillis ? expiresAtMillis - marginMillis : issuedAtMillis + lifetime / 2;
    }

    @Override
    public String toString() {
        return "StoredToken{type=" + type + ", token=<redacted>, expiresAtMillis=" + expiresAtMillis + '}';
    }
}
