package dev.tollgate.auth.jwt;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One parsed {@code auth/validator} block (an endpoint's {@code extra_config}), immutable. Field names follow
 * krakend-jose's {@code SignatureConfig}.
 *
 * @param alg              the only algorithm a token may be signed with
 * @param keys             where the verification keys come from
 * @param issuer           required {@code iss}, or null
 * @param audience         every one of these must be in the token's {@code aud} (go-jose's rule)
 * @param rolesKey         where the roles are ({@code roles_key}, nested with {@code roles_key_is_nested})
 * @param roles            at least one must be present; empty means no role check
 * @param scopesKey        where the scopes are; null when no scope check
 * @param scopes           required scopes, checked per {@code scopesMatcher}
 * @param cookieKey        the cookie read when the header has no token (KrakenD's default {@code access_token})
 * @param authHeaderName   the header that carries the token ({@code Authorization} by default)
 * @param propagateClaims  claims copied into request headers for the backend
 * @param propagateArrays  {@code propagate_claims_preserve_array}: an array claim becomes several header values
 * @param keyIdentifyBy    how tokens name their key
 * @param operationDebug   log why each token was refused (never the token)
 * @param leeway           clock skew allowed for {@code exp}, {@code nbf}, {@code iat}; at least 1s, as go-auth0
 */
public record JwtValidatorConfig(
        JwtAlgorithm alg,
        KeySource keys,
        String issuer,
        List<String> audience,
        ClaimPath rolesKey,
        List<String> roles,
        ClaimPath scopesKey,
        List<String> scopes,
        ScopesMatcher scopesMatcher,
        String cookieKey,
        String authHeaderName,
        List<ClaimHeader> propagateClaims,
        boolean propagateArrays,
        KeyIdentifyBy keyIdentifyBy,
        boolean operationDebug,
        Duration leeway) {

    public static final String DEFAULT_COOKIE = "access_token";
    public static final String DEFAULT_HEADER = "Authorization";
    public static final Duration MIN_LEEWAY = Duration.ofSeconds(1);

    public JwtValidatorConfig {
        requireNonNull(alg, "alg");
        requireNonNull(keys, "keys");
        audience = List.copyOf(audience);
        requireNonNull(rolesKey, "rolesKey");
        roles = List.copyOf(roles);
        scopes = List.copyOf(scopes);
        requireNonNull(scopesMatcher, "scopesMatcher");
        requireNonNull(cookieKey, "cookieKey");
        requireNonNull(authHeaderName, "authHeaderName");
        propagateClaims = List.copyOf(propagateClaims);
        requireNonNull(keyIdentifyBy, "keyIdentifyBy");
        requireNonNull(leeway, "leeway");
    }

    /** {@code scopes_matcher}: whether one required scope is enough, or all are needed. */
    public enum ScopesMatcher { ANY, ALL }

    /** One {@code propagate_claims} pair: the claim's value goes to the backend in {@code header}. */
    public record ClaimHeader(ClaimPath claim, String header) {
    }

    /** Where the key set comes from. */
    public sealed interface KeySource permits LocalKeys, RemoteKeys {
    }

    /** {@code jwk_local_path}: read once, while the config loads. */
    public record LocalKeys(Path path, KeySet keySet) implements KeySource {
    }

    /**
     * {@code jwk_url}: fetched at start and refreshed.
     *
     * @param url                  http only with {@code disable_jwk_security}
     * @param refreshEvery         how long a fetched set is used before it is fetched again
     * @param unknownKeyCooldown   the shortest time between two fetches caused by an unknown key id
     * @param localCa              PEM certificates trusted besides the system ones, or null
     * @param fingerprints         SHA-256 of a certificate public key (SPKI) the server must present; empty: no pin
     */
    public record RemoteKeys(URI url, Duration refreshEvery, Duration unknownKeyCooldown, Path localCa,
                             List<Fingerprint> fingerprints) implements KeySource {
        public RemoteKeys {
            requireNonNull(url, "url");
            fingerprints = List.copyOf(fingerprints);
        }

        /** What two endpoints must share to share one fetched key set. */
        public String identity() {
            return url + " ca=" + localCa + " pins=" + fingerprints;
        }
    }

    /** A pinned public key hash, kept as bytes; {@code toString} prints it as configured. */
    public record Fingerprint(String text, byte[] sha256) {
        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fingerprint f && f.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }
}
