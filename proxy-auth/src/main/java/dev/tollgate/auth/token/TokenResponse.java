package dev.tollgate.auth.token;

import static java.util.Objects.requireNonNull;

/**
 * A successful token endpoint answer, before the holder turns it into an {@link AccessToken} on its clock.
 *
 * @param accessToken      never empty
 * @param tokenType        as received, may be empty
 * @param expiresInSeconds 0 when the token never expires ({@code expires_in} missing, null or 0)
 * @param lifetimeNanos    the same lifetime to the nanosecond (0 = never expires): a token adopted from the shared
 *                         cache has a remaining lifetime that whole seconds would round
 */
public record TokenResponse(String accessToken, String tokenType, long expiresInSeconds, long lifetimeNanos) {
    public TokenResponse {
        requireNonNull(accessToken, "accessToken");
        requireNonNull(tokenType, "tokenType");
        if (expiresInSeconds < 0) {
            throw new IllegalArgumentException("expiresInSeconds: " + expiresInSeconds + " (expected: >= 0)");
        }
        if (lifetimeNanos < 0 || (lifetimeNanos == 0) != (expiresInSeconds == 0)) {
            throw new IllegalArgumentException("lifetimeNanos: " + lifetimeNanos + " (expected: > 0, or 0 with "
                    + "expiresInSeconds 0)");
        }
    }

    /** An answer of the token endpoint: its lifetime is {@code expires_in} whole seconds. */
    public TokenResponse(String accessToken, String tokenType, long expiresInSeconds) {
        this(accessToken, tokenType, expiresInSeconds, Math.multiplyExact(Math.min(expiresInSeconds,
                Long.MAX_VALUE / 4_000_000_000L), 1_000_000_000L));
    }

    /** A token with {@code lifetimeNanos} left (> 0), e.g. one another instance stored. */
    public static TokenResponse withLifetime(String accessToken, String tokenType, long lifetimeNanos) {
        if (lifetimeNanos <= 0) {
            throw new IllegalArgumentException("lifetimeNanos: " + lifetimeNanos + " (expected: > 0)");
        }
        return new TokenResponse(accessToken, tokenType, Math.max(1, lifetimeNanos / 1_000_000_000L), lifetimeNanos);
    }

    @Override
    public String toString() {
        return "TokenResponse{tokenType=" + tokenType + ", expiresIn=" + expiresInSeconds + "s, token=<redacted>}";
    }
}
