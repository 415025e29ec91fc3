package dev.tollgate.auth.token;

import static java.util.Objects.requireNonNull;

import io.netty.util.AsciiString;

/**
 * One granted access token, immutable. Its {@code Authorization} header value is built once, here, when the token
 * arrives, so stamping a request is one volatile read and one header set (as Armeria's
 * {@code GrantedOAuth2AccessToken.authorization()}).
 *
 * <p>{@link #expiresAtNanos()} is the real expiry on the holder's {@link TokenClock}; {@link #NEVER} when the
 * identity provider sent no positive {@code expires_in}. {@link #toString()} never shows the token.
 */
public final class AccessToken {
    /** Expiry of a token that never expires ({@code expires_in} missing, null or 0). */
    public static final long NEVER = Long.MAX_VALUE;

    private final AsciiString authorization;
    private final String tokenType;
    private final long issuedAtNanos;
    private final long expiresAtNanos;

    private AccessToken(AsciiString authorization, String tokenType, long issuedAtNanos, long expiresAtNanos) {
        this.authorization = authorization;
        this.tokenType = tokenType;
        this.issuedAtNanos = issuedAtNanos;
        this.expiresAtNanos = expiresAtNanos;
    }

    /**
     * @param value          the {@code access_token}
     * @param tokenType      the {@code token_type} as received (normalised as KrakenD does; empty or null = Bearer)
     * @param issuedAtNanos  when it arrived, on the holder's clock
     * @param expiresAtNanos real expiry on the holder's clock, or {@link #NEVER}
     */
    public static AccessToken of(String value, String tokenType, long issuedAtNanos, long expiresAtNanos) {
        requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("value: empty (expected: a token)");
        }
        String type = normaliseType(tokenType);
        return new AccessToken(new AsciiString(type + ' ' + value), type, issuedAtNanos, expiresAtNanos);
    }

    /** A Bearer token that never expires: for benchmarks and tests that publish a token without a network. */
    public static AccessToken bearer(String value) {
        return of(value, "Bearer", 0, NEVER);
    }

    /** golang/oauth2 {@code Token.Type()}: bearer -> Bearer, mac -> MAC, basic -> Basic, other verbatim. */
    static String normaliseType(String tokenType) {
        if (tokenType == null || tokenType.isEmpty() || tokenType.equalsIgnoreCase("bearer")) {
            return "Bearer";
        }
        if (tokenType.equalsIgnoreCase("mac")) {
            return "MAC";
        }
        if (tokenType.equalsIgnoreCase("basic")) {
            return "Basic";
        }
        return tokenType;
    }

    /** The complete {@code Authorization} header value, e.g. {@code Bearer eyJ...}. */
    public AsciiString authorization() {
        return authorization;
    }

    public String tokenType() {
        return tokenType;
    }

    public long issuedAtNanos() {
        return issuedAtNanos;
    }

    public long expiresAtNanos() {
        return expiresAtNanos;
    }

    public boolean neverExpires() {
        return expiresAtNanos == NEVER;
    }

    /** True until the real expiry: a token is never stamped past it. */
    public boolean isValidAt(long nowNanos) {
        return expiresAtNanos == NEVER || nowNanos - expiresAtNanos < 0;
    }

    /** Remaining lifetime at {@code nowNanos} (negative once expired), or {@link Long#MAX_VALUE} when it never expires. */
    public long remainingNanos(long nowNanos) {
        return expiresAtNanos == NEVER ? Long.MAX_VALUE : expiresAtNanos - nowNanos;
    }

    @Override
    public String toString() {
        return "AccessToken{type=" + tokenType + ", token=<redacted>"
                + (neverExpires() ? ", never expires}" : ", expiresAtNanos=" + expiresAtNanos + '}');
    }
}
