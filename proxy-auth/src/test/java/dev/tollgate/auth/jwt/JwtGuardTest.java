package dev.tollgate.auth.jwt;

import static dev.tollgate.auth.jwt.TestKeys.claims;
import static dev.tollgate.auth.jwt.TestKeys.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.json.JsonTreeReader;
import dev.tollgate.core.extension.GuardVerdict;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard over a local key set: every rule of krakend-jose's handler, with tokens signed here. */
class JwtGuardTest {
    private static final String[] NO_PARAMS = new String[0];
    private static final RSAKey RSA = TestKeys.rsa("rsa-1");
    private static final ECKey EC256 = TestKeys.ec(Curve.P_256, "ec-256");
    private static final ECKey EC384 = TestKeys.ec(Curve.P_384, "ec-384");
    private static final OctetSequenceKey HMAC = TestKeys.hmac(512, "sim2");
    private static final OctetKeyPair ED = TestKeys.ed25519("ed-1");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW);

    private JwtGuard guard(String extraJson, String alg) throws Exception {
        Path file = dir.resolve("jwks-" + System.nanoTime() + ".json");
        Files.writeString(file, TestKeys.jwks(RSA, EC256, EC384, HMAC, ED));
        ConfigProblems problems = new ConfigProblems();
        JwtValidatorConfig config = JwtValidatorConfigParser.parse(JsonTreeReader.read(
                "{\"alg\": \"" + alg + "\", \"jwk_local_path\": \"" + file + "\"" + extraJson + "}"),
                JwtValidatorConfigTest.PATH, problems);
        assertEquals(List.of(), problems.errors());
        JwtValidatorConfig.LocalKeys local = (JwtValidatorConfig.LocalKeys) config.keys();
        return new JwtGuard(config, new LocalKeyProvider(local.path(), local.keySet()), new VerifiedTokenCache(),
                clock);
    }

    private static HttpRequest request(String authorization) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/p");
        if (authorization != null) {
            r.headers().set("Authorization", authorization);
        }
        return r;
    }

    private static int status(GuardVerdict v) {
        return v == GuardVerdict.PASS ? 200 : v.rejection().status();
    }

    private Map<String, Object> valid(Object... more) {
        Map<String, Object> c = claims("sub", "user-1", "iss", "https://idp", "aud", list("api"),
                "exp", NOW.getEpochSecond() + 300, "iat", NOW.getEpochSecond());
        c.putAll(claims(more));
        return c;
    }

    @Test
    void everyAlgorithmVerifiesWithItsKey() throws Exception {
        Object[][] cases = {
                {"RS256", RSA, JWSAlgorithm.RS256}, {"RS384", RSA, JWSAlgorithm.RS384},
                {"RS512", RSA, JWSAlgorithm.RS512}, {"PS256", RSA, JWSAlgorithm.PS256},
                {"ES256", EC256, JWSAlgorithm.ES256}, {"ES384", EC384, JWSAlgorithm.ES384},
                {"EdDSA", ED, JWSAlgorithm.EdDSA}, {"HS256", HMAC, JWSAlgorithm.HS256},
                {"HS384", HMAC, JWSAlgorithm.HS384}, {"HS512", HMAC, JWSAlgorithm.HS512}};
        for (Object[] c : cases) {
            JwtGuard guard = guard("", (String) c[0]);
            String token = TestKeys.sign((JWK) c[1], (JWSAlgorithm) c[2], valid());
            assertEquals(200, status(guard.check(request("Bearer " + token), "ip", NO_PARAMS)), (String) c[0]);
            String tampered = token.substring(0, token.lastIndexOf('.') + 1) + Base64URL.encode(new byte[64]);
            assertEquals(401, status(guard.check(request("Bearer " + tampered), "ip", NO_PARAMS)), c[0] + " tampered");
        }
    }

    @Test
    void aTokenWhoseAlgIsNotTheConfiguredOneIsRefused() throws Exception {
        JwtGuard guard = guard(", \"operation_debug\": true", "RS256");
        String hs = TestKeys.sign(HMAC, JWSAlgorithm.HS256, valid());
        GuardVerdict v = guard.check(request("Bearer " + hs), "ip", NO_PARAMS);
        assertEquals(401, status(v));
        assertTrue(v.rejection().logMessage().contains("alg HS256 is not the configured RS256"), v.toString());
        assertEquals(401, status(guard.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.PS256, valid())),
                "ip", NO_PARAMS)), "PS256 is not RS256 even with the same RSA key");
    }

    @Test
    void anRsaPublicKeyIsNeverUsedAsAnHmacSecret() throws Exception {
        // The classic confusion attack: HS256 signed with the bytes of the public key, kid of the RSA key.
        JwtGuard guard = guard("", "HS256");
        OctetSequenceKey forged = new OctetSequenceKey.Builder(RSA.toPublicJWK().toJSONString().getBytes())
                .keyID("rsa-1").build();
        String token = TestKeys.sign(forged, JWSAlgorithm.HS256, valid());
        assertEquals(401, status(guard.check(request("Bearer " + token), "ip", NO_PARAMS)));
    }

    @Test
    void missingMalformedAndUnsignedTokensAre401() throws Exception {
        JwtGuard guard = guard("", "RS256");
        assertEquals(401, status(guard.check(request(null), "ip", NO_PARAMS)));
        assertEquals(401, status(guard.check(request("Bearer a.bad.token"), "ip", NO_PARAMS)));
        assertEquals(401, status(guard.check(request("Bearer "), "ip", NO_PARAMS)));
        String header = Base64URL.encode("{\"alg\":\"none\"}").toString();
        String payload = Base64URL.encode("{\"sub\":\"x\"}").toString();
        assertEquals(401, status(guard.check(request("Bearer " + header + "." + payload + "."), "ip", NO_PARAMS)));
        String unknownKid = TestKeys.sign(TestKeys.rsa("other"), JWSAlgorithm.RS256, valid());
        assertEquals(401, status(guard.check(request("Bearer " + unknownKid), "ip", NO_PARAMS)));
    }

    @Test
    void theBearerPrefixIsOptionalAndCaseInsensitiveAsInKrakend() throws Exception {
        JwtGuard guard = guard("", "RS256");
        String token = TestKeys.sign(RSA, JWSAlgorithm.RS256, valid());
        assertEquals(200, status(guard.check(request("bearer " + token), "ip", NO_PARAMS)));
        assertEquals(200, status(guard.check(request(token), "ip", NO_PARAMS)));
    }

    @Test
    void theCookieIsReadWhenTheHeaderHasNoToken() throws Exception {
        JwtGuard custom = guard(", \"cookie_key\": \"jwt\", \"auth_header_name\": \"X-Token\"", "RS256");
        String token = TestKeys.sign(RSA, JWSAlgorithm.RS256, valid());
        HttpRequest r = request("Bearer " + token);
        assertEquals(401, status(custom.check(r, "ip", NO_PARAMS)), "Authorization is not the configured header");
        r.headers().set("Cookie", "theme=dark; jwt=" + token);
        assertEquals(200, status(custom.check(r, "ip", NO_PARAMS)));
        HttpRequest h = request(null);
        h.headers().set("X-Token", "Bearer " + token);
        assertEquals(200, status(custom.check(h, "ip", NO_PARAMS)));

        JwtGuard defaults = guard("", "RS256");
        HttpRequest c = request(null);
        c.headers().set("Cookie", "access_token=" + token);
        assertEquals(200, status(defaults.check(c, "ip", NO_PARAMS)), "KrakenD's default cookie is access_token");
    }

    @Test
    void expiryAndNotBeforeFollowTheInjectedClockWithLeeway() throws Exception {
        JwtGuard guard = guard(", \"leeway\": \"5s\"", "RS256");
        String token = TestKeys.sign(RSA, JWSAlgorithm.RS256, valid("exp", NOW.getEpochSecond() + 10,
                "nbf", NOW.getEpochSecond() + 3));
        assertEquals(200, status(guard.check(request("Bearer " + token), "ip", NO_PARAMS)), "nbf within the leeway");
        clock.advance(Duration.ofSeconds(14));
        assertEquals(200, status(guard.check(request("Bearer " + token), "ip", NO_PARAMS)), "exp within the leeway (cached)");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(401, status(guard.check(request("Bearer " + token), "ip", NO_PARAMS)), "expired, even though cached");

        String future = TestKeys.sign(RSA, JWSAlgorithm.RS256, valid("nbf", NOW.getEpochSecond() + 600));
        assertEquals(401, status(guard.check(request("Bearer " + future), "ip", NO_PARAMS)));
        String issuedLater = TestKeys.sign(RSA, JWSAlgorithm.RS256, valid("iat", NOW.getEpochSecond() + 600));
        assertEquals(401, status(guard.check(request("Bearer " + issuedLater), "ip", NO_PARAMS)));
        String stringExp = TestKeys.sign(RSA, JWSAlgorithm.RS256, valid("exp", "tomorrow"));
        assertEquals(401, status(guard.check(request("Bearer " + stringExp), "ip", NO_PARAMS)));
    }

    @Test
    void issuerAndEveryConfiguredAudienceAreRequired() throws Exception {
        JwtGuard guard = guard(", \"issuer\": \"https://idp\", \"audience\": [\"api\", \"web\"]", "RS256");
        assertEquals(401, status(guard.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid())), "ip", NO_PARAMS)), "aud has api but not web");
        assertEquals(200, status(guard.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid("aud", list("web", "api", "other")))), "ip", NO_PARAMS)));
        assertEquals(401, status(guard.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid("aud", list("web", "api"), "iss", "https://evil"))), "ip", NO_PARAMS)));
        JwtGuard single = guard(", \"audience\": [\"api\"]", "RS256");
        assertEquals(200, status(single.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid("aud", "api"))), "ip", NO_PARAMS)), "a single-string aud");
    }

    @Test
    void rolesAre403WhenMissingIncludingNestedKeycloakRoles() throws Exception {
        JwtGuard flat = guard(", \"roles\": [\"role_a\", \"role_c\"]", "RS256");
        assertEquals(403, status(flat.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid("roles", list("role_y")))), "ip", NO_PARAMS)), "krakend-ce spec jwt_1");
        assertEquals(200, status(flat.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid("roles", list("role_a", "role_b")))), "ip", NO_PARAMS)), "krakend-ce spec jwt_3");
        assertEquals(200, status(flat.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid("roles", "x role_c"))), "ip", NO_PARAMS)), "a space-separated string");
        assertEquals(403, status(flat.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid())), "ip", NO_PARAMS)), "no roles claim");

        JwtGuard nested = guard(", \"roles_key\": \"realm_access.roles\", \"roles_key_is_nested\": true, "
                + "\"roles\": [\"admin\"]", "RS256");
        assertEquals(200, status(nested.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid("realm_access", Map.of("roles", list("user", "admin"))))), "ip", NO_PARAMS)));
        assertEquals(403, status(nested.check(request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256,
                valid("realm_access", Map.of("roles", list(1, 2))))), "ip", NO_PARAMS)), "non-strings never match");
    }

    @Test
    void scopesMatchAnyOrAllFromAStringOrAnArray() throws Exception {
        JwtGuard any = guard(", \"scopes_key\": \"scope\", \"scopes\": [\"read\", \"write\"]", "RS256");
        JwtGuard all = guard(", \"scopes_key\": \"scope\", \"scopes\": [\"read\", \"write\"], "
                + "\"scopes_matcher\": \"all\"", "RS256");
        String readOnly = "Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256, valid("scope", "openid read"));
        String both = "Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256, valid("scope", list("write", "read")));
        String none = "Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256, valid("scope", list()));
        assertEquals(200, status(any.check(request(readOnly), "ip", NO_PARAMS)));
        assertEquals(403, status(all.check(request(readOnly), "ip", NO_PARAMS)));
        assertEquals(200, status(all.check(request(both), "ip", NO_PARAMS)));
        assertEquals(403, status(any.check(request(none), "ip", NO_PARAMS)));
    }

    @Test
    void claimsArePropagatedReplacingWhatTheClientSent() throws Exception {
        JwtGuard guard = guard(", \"propagate_claims\": [[\"sub\", \"X-User\"], [\"realm_access.roles\", "
                + "\"X-Roles\"], [\"missing\", \"X-Missing\"], [\"exp\", \"X-Exp\"], [\"ratio\", \"X-Ratio\"], "
                + "[\"evil\", \"X-Evil\"]]", "RS256");
        HttpRequest r = request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256, valid(
                "realm_access", Map.of("roles", list("a", "b")), "ratio", 0.5, "evil", "x\r\nInjected: 1")));
        r.headers().set("X-User", "forged-by-client");
        r.headers().set("X-Missing", "forged-by-client");
        assertEquals(200, status(guard.check(r, "ip", NO_PARAMS)));
        assertEquals("user-1", r.headers().get("X-User"));
        assertEquals(List.of("user-1"), r.headers().getAll("X-User"));
        assertEquals("a,b", r.headers().get("X-Roles"));
        assertEquals("", r.headers().get("X-Missing"), "KrakenD sets an empty value");
        assertEquals(Long.toString(NOW.getEpochSecond() + 300), r.headers().get("X-Exp"));
        assertEquals("0.500000", r.headers().get("X-Ratio"));
        assertEquals("x  Injected: 1", r.headers().get("X-Evil"), "no header splitting");

        JwtGuard arrays = guard(", \"propagate_claims\": [[\"realm_access.roles\", \"X-Roles\"]], "
                + "\"propagate_claims_preserve_array\": true", "RS256");
        HttpRequest a = request("Bearer " + TestKeys.sign(RSA, JWSAlgorithm.RS256, valid(
                "realm_access", Map.of("roles", list("a", "b")))));
        assertEquals(200, status(arrays.check(a, "ip", NO_PARAMS)));
        assertEquals(List.of("a", "b"), a.headers().getAll("X-Roles"));
    }

    @Test
    void keysCanBeIdentifiedByThumbprint() throws Exception {
        JwtGuard guard = guard(", \"key_identify_strategy\": \"x5t\"", "RS256");
        // No certificate in the set: x5t falls back to the kid on both sides, as krakend-jose's getters do.
        String token = TestKeys.sign(RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                valid());
        assertEquals(401, status(guard.check(request("Bearer " + token), "ip", NO_PARAMS)),
                "a JWK without x5t/x5c has an empty x5t name, like go-jose's");
    }

    @Test
    @SuppressWarnings("deprecation")
    void keysNamedByTheirX5tMatchTokensThatNameIt() throws Exception {
        Base64URL thumb = Base64URL.encode("twenty-byte-sha1-sum");
        RSAKey key = new RSAKey.Builder(TestKeys.rsa("same-kid")).x509CertThumbprint(thumb).build();
        Path file = dir.resolve("x5t.json");
        Files.writeString(file, TestKeys.jwks(key));
        for (String strategy : List.of("x5t", "kid_x5t")) {
            ConfigProblems problems = new ConfigProblems();
            JwtValidatorConfig config = JwtValidatorConfigParser.parse(JsonTreeReader.read("{\"alg\": \"RS256\", "
                    + "\"jwk_local_path\": \"" + file + "\", \"key_identify_strategy\": \"" + strategy + "\"}"),
                    JwtValidatorConfigTest.PATH, problems);
            JwtValidatorConfig.LocalKeys local = (JwtValidatorConfig.LocalKeys) config.keys();
            JwtGuard guard = new JwtGuard(config, new LocalKeyProvider(local.path(), local.keySet()),
                    new VerifiedTokenCache(), clock);
            String named = TestKeys.sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("same-kid")
                    .x509CertThumbprint(thumb).build(), valid());
            assertEquals(200, status(guard.check(request("Bearer " + named), "ip", NO_PARAMS)), strategy);
            String other = TestKeys.sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("same-kid")
                    .x509CertThumbprint(Base64URL.encode("another-thumbprint!!")).build(), valid());
            assertEquals(401, status(guard.check(request("Bearer " + other), "ip", NO_PARAMS)), strategy);
        }
    }

    @Test
    void theSameTokenIsVerifiedOnceAndRejectionsNeverShowTheToken() throws Exception {
        JwtGuard guard = guard(", \"operation_debug\": true, \"roles\": [\"admin\"]", "RS256");
        String token = TestKeys.sign(RSA, JWSAlgorithm.RS256, valid());
        GuardVerdict first = guard.check(request("Bearer " + token), "ip", NO_PARAMS);
        assertEquals(403, status(first));
        GuardVerdict again = guard.check(request("Bearer " + token), "ip", NO_PARAMS);
        assertEquals(403, status(again));
        for (GuardVerdict v : List.of(first, again, guard.check(request("Bearer " + token + "x"), "ip", NO_PARAMS),
                guard.check(request("Bearer a.bad.token"), "ip", NO_PARAMS))) {
            assertFalse(v.rejection().logMessage().contains(token.substring(0, 20)), v.rejection().logMessage());
            assertFalse(v.rejection().logMessage().contains("bad.token"), v.rejection().logMessage());
        }
    }

    @Test
    void theCacheHoldsVerifiedTokensUntilExpiryAndForgetsThemForANewKeySet() throws Exception {
        Path file = dir.resolve("one.json");
        Files.writeString(file, TestKeys.jwks(RSA));
        KeySet first = KeySet.parse(Files.readString(file));
        VerifiedTokenCache cache = new VerifiedTokenCache(2);
        TokenVerifier verifier = new TokenVerifier(JwtAlgorithm.RS256, KeyIdentifyBy.KID);
        String token = TestKeys.sign(RSA, JWSAlgorithm.RS256, valid());
        VerifiedToken v = (VerifiedToken) verifier.verify(token, first);
        cache.put(token, v);
        assertSame(v, cache.get(token, first, NOW.toEpochMilli()));
        assertNull(cache.get(token, KeySet.parse(Files.readString(file)), NOW.toEpochMilli()),
                "another key set: verify again");
        cache.put(token, v);
        assertNull(cache.get(token, first, NOW.plusSeconds(301).toEpochMilli()), "past exp");
        cache.put("a", v);
        cache.put("b", v);
        cache.put("c", v);
        assertEquals(2, cache.sizeHere(), "bounded");
    }
}
