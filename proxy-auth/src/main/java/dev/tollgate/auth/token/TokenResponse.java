package dev.tollgate.auth.token;

import static java.util.Objects.requireNonNull;

/**
 * A successful token endpoint answer, before the holder turns it into an {@link AccessToken} on its clock.
 *
 * @param accessToken      never empty
 * @param tokenType        as received, may be empty
 * @param expiresInSeconds 0 when the token never expires ({@code expires_in} missing, null or 0)
 */
public record TokenResponse(String accessToken, String tokenType, long expiresInSeconds) {
    public TokenResponse {
        requireNonNull(accessToken, "accessToken");
        requireNonNull(tokenType, "tokenType");
        if (expiresInSeconds < 0) {
            throw new IllegalArgumentException("expiresInSeconds: " + expiresInSeconds + " (expected: >= 0)");
        }
    }

    @Override
    public String toString() {
        return "TokenResponse{tokenType=" + tokenType + ", expiresIn=" + expiresInSeconds + "s, token=<redacted>}";
    }
}
