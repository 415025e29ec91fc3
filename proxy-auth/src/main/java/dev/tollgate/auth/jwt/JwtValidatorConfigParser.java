package dev.tollgate.auth.jwt;

import dev.tollgate.auth.jwt.JwtValidatorConfig.ClaimHeader;
import dev.tollgate.auth.jwt.JwtValidatorConfig.Fingerprint;
import dev.tollgate.auth.jwt.JwtValidatorConfig.KeySource;
import dev.tollgate.auth.jwt.JwtValidatorConfig.LocalKeys;
import dev.tollgate.auth.jwt.JwtValidatorConfig.RemoteKeys;
import dev.tollgate.auth.jwt.JwtValidatorConfig.ScopesMatcher;
import dev.tollgate.core.config.ConfigObject;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.GoDuration;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonNode.JsonNumber;
import dev.tollgate.core.config.json.JsonNode.JsonString;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Validates an {@code auth/validator} block. Where KrakenD reads a mistake as "every request gets 401" (an unknown
 * {@code alg}, an http {@code jwk_url} without {@code disable_jwk_security}, a {@code cache_duration} string) or
 * silently drops a check ({@code scopes} without {@code scopes_key}), Tollgate refuses the config with the JSON
 * path instead. Messages never repeat key material.
 */
final class JwtValidatorConfigParser {
    /** krakend-jose's default when {@code cache} is on and {@code cache_duration} is 0. */
    static final Duration DEFAULT_CACHE_DURATION = Duration.ofMinutes(15);
    /** Without {@code cache} KrakenD fetches the set on every request; Tollgate refreshes it this often. */
    static final Duration UNCACHED_REFRESH = Duration.ofMinutes(1);
    /** The shortest time between two fetches caused by tokens with unknown key ids. */
    static final Duration DEFAULT_UNKNOWN_KEY_COOLDOWN = Duration.ofSeconds(10);
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;

    private JwtValidatorConfigParser() {
    }

    static JwtValidatorConfig parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        int errorsBefore = problems.errors().size();
        ConfigObject obj = ConfigObject.of(value, path, problems);
        JwtAlgorithm alg = algorithm(obj);
        KeyIdentifyBy keyIdentifyBy = keyIdentifyBy(obj);
        KeySource keys = keySource(obj);
        String issuer = emptyToNull(obj.string("issuer", null));
        List<String> audience = obj.stringList("audience");
        boolean nested = obj.bool("roles_key_is_nested", false);
        String rolesKeyName = obj.string("roles_key", "");
        rolesKeyName = rolesKeyName.isEmpty() ? "roles" : rolesKeyName;
        ClaimPath rolesKey = nested ? ClaimPath.nested(rolesKeyName) : ClaimPath.top(rolesKeyName);
        List<String> roles = obj.stringList("roles");
        List<String> scopes = obj.stringList("scopes");
        String scopesKeyName = obj.string("scopes_key", "");
        ClaimPath scopesKey = scopesKeyName.isEmpty() ? null : ClaimPath.nested(scopesKeyName);
        if (!scopes.isEmpty() && scopesKey == null) {
            problems.error(obj.path("scopes"), "needs scopes_key (the claim that holds the scopes); KrakenD "
                    + "silently checks no scope without it");
        }
        ScopesMatcher matcher = scopesMatcher(obj);
        String cookieKey = obj.string("cookie_key", "");
        String header = obj.string("auth_header_name", "");
        if (!header.isEmpty() && !isToken(header)) {
            problems.error(obj.path("auth_header_name"), "\"" + header + "\" is not a valid header name");
        }
        List<ClaimHeader> propagate = propagateClaims(obj);
        boolean propagateArrays = obj.bool("propagate_claims_preserve_array", false);
        boolean debug = obj.bool("operation_debug", false);
        Duration leeway = leeway(obj);
        unsupported(obj);
        obj.warnUnknownKeys();
        if (problems.errors().size() > errorsBefore || alg == null || keys == null) {
            return null;
        }
        return new JwtValidatorConfig(alg, keys, issuer, audience, rolesKey, roles, scopesKey, scopes, matcher,
                cookieKey.isEmpty() ? JwtValidatorConfig.DEFAULT_COOKIE : cookieKey,
                header.isEmpty() ? JwtValidatorConfig.DEFAULT_HEADER : header, propagate, propagateArrays,
                keyIdentifyBy, debug, leeway);
    }

    private static JwtAlgorithm algorithm(ConfigObject obj) {
        // KrakenD's schema documents RS256 as the default.
        String name = obj.string("alg", "RS256");
        if (name.equalsIgnoreCase("none")) {
            obj.problems().error(obj.path("alg"), "\"" + name + "\" is refused: an unsigned token proves nothing");
            return null;
        }
        JwtAlgorithm alg = JwtAlgorithm.named(name);
        if (alg == null) {
            obj.problems().error(obj.path("alg"), "unknown algorithm \"" + name + "\" (expected one of "
                    + JwtAlgorithm.names() + ")");
        }
        return alg;
    }

    private static KeyIdentifyBy keyIdentifyBy(ConfigObject obj) {
        String key = "key_identify_strategy";
        if (obj.has("key_identify_by")) {
            // Not a krakend-jose field; read it rather than drop it, but say which name KrakenD reads.
            obj.problems().warn(obj.path("key_identify_by"), "KrakenD reads \"key_identify_strategy\"; "
                    + "Tollgate accepts this name too");
            key = obj.has(key) ? key : "key_identify_by";
            obj.raw("key_identify_by");
        }
        String name = obj.string(key, "");
        if (name.isEmpty()) {
            return KeyIdentifyBy.KID;
        }
        KeyIdentifyBy by = KeyIdentifyBy.named(name);
        if (by == null) {
            obj.problems().error(obj.path(key), "unknown strategy \"" + name
                    + "\" (expected kid, x5t, x5t#S256 or kid_x5t)");
            return KeyIdentifyBy.KID;
        }
        return by;
    }

    private static KeySource keySource(ConfigObject obj) {
        String url = obj.string("jwk_url", "");
        String localPath = obj.string("jwk_local_path", "");
        boolean cache = obj.bool("cache", false);
        Duration cacheDuration = cacheDuration(obj);
        boolean insecure = obj.bool("disable_jwk_security", false);
        Path localCa = readableFile(obj, "jwk_local_ca");
        List<Fingerprint> pins = fingerprints(obj);
        Duration cooldown = obj.positiveDuration("failed_jwk_key_cooldown", DEFAULT_UNKNOWN_KEY_COOLDOWN);
        if (!localPath.isEmpty()) {
            if (cache) {
                obj.problems().error(obj.path("cache"), "cannot be used with jwk_local_path (KrakenD refuses it "
                        + "too)");
            }
            if (!url.isEmpty()) {
                obj.problems().warn(obj.path("jwk_url"), "ignored: jwk_local_path is used, as KrakenD does");
            }
            return localKeys(obj, localPath);
        }
        if (url.isEmpty()) {
            obj.problems().error(obj.path(), "needs jwk_url or jwk_local_path (where the verification keys are)");
            return null;
        }
        URI uri = jwkUrl(obj, url, insecure);
        if (uri == null) {
            return null;
        }
        if (!pins.isEmpty() && !"https".equals(uri.getScheme())) {
            obj.problems().error(obj.path("jwk_fingerprints"), "need an https jwk_url (they pin its certificate)");
        }
        Duration refresh = cache ? (cacheDuration.isZero() ? DEFAULT_CACHE_DURATION : cacheDuration)
                : UNCACHED_REFRESH;
        return new RemoteKeys(uri, refresh, cooldown, localCa, pins);
    }

    private static URI jwkUrl(ConfigObject obj, String url, boolean insecure) {
        JsonPath at = obj.path("jwk_url");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            obj.problems().error(at, "is not a valid URL");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            obj.problems().error(at, "must be an http(s) URL with a host");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            obj.problems().error(at, "must not contain user info");
            return null;
        }
        if (scheme.equals("http") && !insecure) {
            obj.problems().error(at, "is not https; KrakenD answers 401 to every request then. Use https, or set "
                    + "\"disable_jwk_security\": true to allow a plain-http key server");
            return null;
        }
        return uri;
    }

    private static LocalKeys localKeys(ConfigObject obj, String localPath) {
        Path path = readableFile(obj, "jwk_local_path");
        if (path == null) {
            return null;
        }
        try {
            return new LocalKeys(path, KeySet.parse(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            obj.problems().error(obj.path("jwk_local_path"), "cannot read " + localPath);
        } catch (KeySet.InvalidKeySetException e) {
            obj.problems().error(obj.path("jwk_local_path"), localPath + " is not a usable JWK set: "
                    + e.getMessage());
        }
        return null;
    }

    /** A path that names a readable regular file, or null (with an error when it was set). */
    private static Path readableFile(ConfigObject obj, String key) {
        String name = obj.string(key, "");
        if (name.isEmpty()) {
            return null;
        }
        Path path = Path.of(name);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            obj.problems().error(obj.path(key), "cannot read " + name);
            return null;
        }
        return path;
    }

    /** {@code cache_duration} is whole seconds in krakend-jose (a uint32), not a duration string. */
    private static Duration cacheDuration(ConfigObject obj) {
        JsonNode v = obj.raw("cache_duration");
        if (v == null || !obj.has("cache_duration")) {
            return Duration.ZERO;
        }
        if (v instanceof JsonNumber n && n.integral() && n.value().signum() >= 0
                && n.value().compareTo(BigDecimal.valueOf(MAX_UINT32)) <= 0) {
            return Duration.ofSeconds(n.value().longValueExact());
        }
        String hint = v instanceof JsonString s ? " (\"" + s.value() + "\" is a string; KrakenD cannot read it "
                + "and answers 401 to every request)" : "";
        obj.problems().error(obj.path("cache_duration"), "expected a whole number of seconds, 0.."
                + MAX_UINT32 + hint);
        return Duration.ZERO;
    }

    /** krakend-jose's {@code leeway}: a Go duration, raised to go-auth0's minimum of 1s. */
    private static Duration leeway(ConfigObject obj) {
        Duration leeway = obj.duration("leeway", JwtValidatorConfig.MIN_LEEWAY);
        if (leeway.isNegative()) {
            obj.problems().error(obj.path("leeway"), "must not be negative, got \"" + GoDuration.format(leeway)
                    + "\"");
            return JwtValidatorConfig.MIN_LEEWAY;
        }
        return leeway.compareTo(JwtValidatorConfig.MIN_LEEWAY) < 0 ? JwtValidatorConfig.MIN_LEEWAY : leeway;
    }

    private static ScopesMatcher scopesMatcher(ConfigObject obj) {
        String name = obj.string("scopes_matcher", "any");
        return switch (name) {
            case "any", "" -> ScopesMatcher.ANY;
            case "all" -> ScopesMatcher.ALL;
            default -> {
                obj.problems().error(obj.path("scopes_matcher"), "expected \"any\" or \"all\", got \"" + name
                        + "\"");
                yield ScopesMatcher.ANY;
            }
        };
    }

    private static List<ClaimHeader> propagateClaims(ConfigObject obj) {
        List<JsonNode> items = obj.array("propagate_claims");
        List<ClaimHeader> out = new ArrayList<>(items.size());
        JsonPath at = obj.path("propagate_claims");
        for (int i = 0; i < items.size(); i++) {
            List<String> pair = ConfigObject.stringList(items.get(i), at.index(i), obj.problems());
            if (pair.size() != 2 || pair.get(0).isEmpty() || pair.get(1).isEmpty()) {
                obj.problems().error(at.index(i), "expected [\"claim\", \"Header-Name\"]");
                continue;
            }
            if (!isToken(pair.get(1))) {
                obj.problems().error(at.index(i).index(1), "\"" + pair.get(1) + "\" is not a valid header name");
                continue;
            }
            out.add(new ClaimHeader(ClaimPath.nested(pair.get(0)), pair.get(1)));
        }
        return out;
    }

    private static List<Fingerprint> fingerprints(ConfigObject obj) {
        List<String> texts = obj.stringList("jwk_fingerprints");
        List<Fingerprint> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            byte[] hash;
            try {
                // krakend-jose decodes them with base64.URLEncoding (padded URL alphabet)
                hash = Base64.getUrlDecoder().decode(texts.get(i));
            } catch (IllegalArgumentException e) {
                hash = null;
            }
            if (hash == null || hash.length != 32) {
                obj.problems().error(obj.path("jwk_fingerprints").index(i), "expected the URL-safe base64 of a "
                        + "SHA-256 hash (32 bytes)");
                continue;
            }
            out.add(new Fingerprint(texts.get(i), hash));
        }
        return out;
    }

    /** Fields of krakend-jose that Tollgate does not implement: refused, since ignoring them would change keys. */
    private static void unsupported(ConfigObject obj) {
        for (String key : List.of("secret_url", "cypher_key")) {
            if (obj.has(key)) {
                obj.problems().error(obj.path(key), "encrypted key files are not supported by Tollgate");
            }
            obj.raw(key);
        }
        if (obj.has("cipher_suites")) {
            obj.problems().warn(obj.path("cipher_suites"), "ignored: the JDK's TLS 1.2/1.3 defaults are used");
        }
        obj.raw("cipher_suites");
    }

    /** RFC 9110 token characters, which a header name consists of. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
