package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.jwt.JwtValidatorExtension;
import dev.tollgate.auth.token.TokenClock;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.LoadedConfig;
import dev.tollgate.core.extension.Extension;
import dev.tollgate.core.log.Log;
import dev.tollgate.core.modifier.MartianExtension;
import dev.tollgate.core.gateway.Gateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * auth/validator end to end on loopback: a real gateway built as {@code run} builds it, a real backend, and a key
 * server of our own (a second {@link RecordingOrigin} serving the JWK set) that can be slow, down, rotate keys or
 * answer garbage. Tokens are signed here with keys generated for the test.
 */
class JwtValidatorEndToEndTest {
    private static final RSAKey RSA = rsa("rsa-1");
    private static final ECKey EC = ec("ec-1");
    private static final String ISSUER = "https://idp.example";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private RecordingOrigin origin;
    private RecordingOrigin keyServer;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        Log.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
        origin = new RecordingOrigin();
        keyServer = new RecordingOrigin();
        keyServer.documents.put("/jwks", jwks(RSA, EC));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.shutdown(Duration.ofSeconds(1));
        }
        origin.close();
        keyServer.close();
        Log.setOutput(System.err);
    }

    @Test
    void aGoodTokenReachesTheBackendWithItsClaimsAndBadOnesGet401Or403() throws Exception {
        startGateway(Extensions.create(), config(keyServer.url() + "/jwks", 3));
        String good = sign(RSA, JWSAlgorithm.RS256, claims("sub", "alice", "roles", List.of("user")));

        HttpResponse<String> ok = http.send(get("/rs", "Bearer " + good, "X-User", "mallory"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        RecordingOrigin.Seen seen = origin.requests.poll(5, TimeUnit.SECONDS);
        assertNotNull(seen);
        assertEquals("alice", seen.headers().get("X-User"), "the claim replaces what the client sent");
        assertEquals(List.of("alice"), seen.headers().getAll("X-User"));
        assertNull(seen.headers().get("Authorization"), "not in input_headers: the token stays at the gateway");

        // The first refusal is the one the core logs (its rejection lines are rate-limited per endpoint).
        assertStatus(403, get("/rs", "Bearer " + sign(RSA, JWSAlgorithm.RS256, claims("sub", "bob",
                "roles", List.of("guest")))));
        assertStatus(401, get("/rs", null));
        assertStatus(401, get("/rs", "Bearer a.bad.token"));
        assertStatus(401, get("/rs", "Bearer " + sign(RSA, JWSAlgorithm.RS256,
                claims("sub", "alice", "roles", List.of("user"), "exp", nowSeconds() - 60))));
        assertStatus(401, get("/rs", "Bearer " + sign(RSA, JWSAlgorithm.RS256,
                claims("sub", "alice", "roles", List.of("user"), "iss", "https://evil"))));
        assertStatus(401, get("/rs", "Bearer " + sign(EC, JWSAlgorithm.ES256, claims("sub", "alice",
                "roles", List.of("user")))), "an ES256 token on an RS256 endpoint");
        assertStatus(403, get("/rs", "Bearer " + sign(RSA, JWSAlgorithm.RS256, claims("sub", "bob",
                "roles", List.of("guest")))));
        assertStatus(200, get("/es", "Bearer " + sign(EC, JWSAlgorithm.ES256, claims("sub", "carol",
                "scope", "openid orders:read"))));
        assertStatus(403, get("/es", "Bearer " + sign(EC, JWSAlgorithm.ES256, claims("sub", "carol",
                "scope", "openid"))));
        origin.requests.poll(1, TimeUnit.SECONDS);
        assertNull(origin.requests.poll(200, TimeUnit.MILLISECONDS), "no refused request reached the backend");

        Log.flush();
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("[ENDPOINT: /rs] JWT validator: 403: the token has none of the roles [user]"),
                logged);
        assertFalse(logged.contains(good.substring(0, 30)), "no token text in the log");
        assertFalse(logged.contains(good.substring(good.lastIndexOf('.') + 1)), "no signature in the log");
        assertFalse(logged.contains("bad.token"), logged);
    }

    @Test
    void aRefusalIsAnEmptyBodyWithoutContentTypeAsKrakendAnswers() throws Exception {
        startGateway(Extensions.create(), config(keyServer.url() + "/jwks", 3));
        HttpResponse<String> res = http.send(get("/rs", "Bearer a.bad.token"), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, res.statusCode());
        assertEquals("", res.body());
        assertTrue(res.headers().firstValue("Content-Type").isEmpty(), res.headers().toString());
    }

    @Test
    void aSymmetricKeyFromALocalFileVerifiesHs256() throws Exception {
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(512).keyID("sim2").generate();
        Path file = dir.resolve("symmetric.json");
        Files.writeString(file, new JWKSet(secret).toString(false));
        startGateway(Extensions.create(), """
                {"version": 3, "port": 0, "timeout": "3s", "endpoints": [{
                  "endpoint": "/hs", "output_encoding": "no-op",
                  "backend": [{"host": ["%s"], "url_pattern": "/hs"}],
                  "extra_config": {"github.com/devopsfaith/krakend-jose/validator": {
                    "alg": "HS256", "jwk_local_path": "%s", "audience": ["http://api.example.com"]}}}]}
                """.formatted(origin.url(), file));
        assertStatus(200, get("/hs", "Bearer " + sign(secret, JWSAlgorithm.HS256,
                claims("aud", "http://api.example.com"))));
        assertStatus(401, get("/hs", "Bearer " + sign(secret, JWSAlgorithm.HS256, claims("aud", "other"))));
    }

    @Test
    void requestsWaitForASlowFirstKeySetThenPass() throws Exception {
        keyServer.delayMillis.set(700);
        startGateway(Extensions.create(), config(keyServer.url() + "/jwks", 5));
        String good = sign(RSA, JWSAlgorithm.RS256, claims("sub", "alice", "roles", List.of("user")));
        List<CompletableFuture<HttpResponse<String>>> early = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            early.add(http.sendAsync(get("/rs", "Bearer " + good), HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : early) {
            assertEquals(200, f.get(20, TimeUnit.SECONDS).statusCode());
        }
        assertEquals(1, keyServer.requests.size(), "one key set fetch for all of them");
    }

    @Test
    void aKeySetSlowerThanTheEndpointTimeoutIs504() throws Exception {
        keyServer.delayMillis.set(3000);
        startGateway(Extensions.create(), config(keyServer.url() + "/jwks", 1));
        assertStatus(504, get("/rs", "Bearer " + sign(RSA, JWSAlgorithm.RS256, claims("roles", List.of("user")))));
    }

    @Test
    void aDeadOrGarbageKeyServerIs401AndLogsWhy() throws Exception {
        keyServer.documents.put("/jwks", "{\"not\": \"a key set\"}");
        startGateway(Extensions.create(), config(keyServer.url() + "/jwks", 3));
        String token = sign(RSA, JWSAlgorithm.RS256, claims("roles", List.of("user")));
        int status = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (status != 401 && System.nanoTime() < deadline) {
            status = http.send(get("/rs", "Bearer " + token), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        assertEquals(401, status);
        Log.flush();
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("not a usable JWK set: no \"keys\" array"), logged);
        assertFalse(logged.contains(token.substring(0, 30)), logged);
    }

    @Test
    void aRotatedKeyIsFetchedOnFirstSightOfItsKid() throws Exception {
        startGateway(Extensions.create(), config(keyServer.url() + "/jwks", 3));
        assertStatus(200, get("/rs", "Bearer " + sign(RSA, JWSAlgorithm.RS256, claims("roles", List.of("user")))));
        int fetches = keyServer.requests.size();

        RSAKey next = rsa("rsa-2");
        keyServer.documents.put("/jwks", jwks(RSA, next, EC));
        assertStatus(200, get("/rs", "Bearer " + sign(next, JWSAlgorithm.RS256, claims("roles", List.of("user")))));
        assertEquals(fetches + 1, keyServer.requests.size(), "one refetch for the new kid");

        // A forged kid right after: refused at once, no fetch (the cool-down).
        assertStatus(401, get("/rs", "Bearer " + sign(rsa("forged"), JWSAlgorithm.RS256,
                claims("roles", List.of("user")))));
        assertEquals(fetches + 1, keyServer.requests.size());
    }

    @Test
    void theTokenIsCheckedBeforeTheRateLimitSoRefusedRequestsSpendNoQuota() throws Exception {
        startGateway(Extensions.create(), """
                {"version": 3, "port": 0, "timeout": "3s", "endpoints": [{
                  "endpoint": "/limited", "output_encoding": "no-op",
                  "backend": [{"host": ["%s"], "url_pattern": "/limited"}],
                  "extra_config": {
                    "qos/ratelimit/router": {"max_rate": 1, "capacity": 1, "every": "1h"},
                    "auth/validator": {"alg": "RS256", "jwk_url": "%s", "disable_jwk_security": true}}}]}
                """.formatted(origin.url(), keyServer.url() + "/jwks"));
        for (int i = 0; i < 3; i++) {
            assertStatus(401, get("/limited", "Bearer a.bad.token"), "refused by the validator, not the limit");
        }
        String good = "Bearer " + sign(RSA, JWSAlgorithm.RS256, claims());
        assertStatus(200, get("/limited", good), "the one token of the bucket is still there");
        assertStatus(503, get("/limited", good), "then the endpoint-wide limit answers");
    }

    @Test
    void aCachedTokenStillExpiresOnTheInjectedClock() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        startGateway(List.of(new JwtValidatorExtension(clock, TokenClock.SYSTEM, keys -> null),
                new ClientCredentialsExtension(), new MartianExtension()), config(keyServer.url() + "/jwks", 3));
        String token = sign(RSA, JWSAlgorithm.RS256, claims("roles", List.of("user"),
                "exp", clock.instant().getEpochSecond() + 60));
        assertStatus(200, get("/rs", "Bearer " + token));
        assertStatus(200, get("/rs", "Bearer " + token));
        clock.advance(Duration.ofSeconds(62));
        assertStatus(401, get("/rs", "Bearer " + token));
    }

    private void startGateway(List<? extends Extension<?>> extensions, String json) throws Exception {
        LoadedConfig loaded = new ConfigLoader(extensions).parse(json, "test.json");
        gateway = Gateway.start(loaded.config(), extensions);
    }

    /** Two endpoints on one key server: RS256 with roles and a propagated claim, ES256 with scopes. */
    private String config(String jwkUrl, int timeoutSeconds) {
        return """
                {"version": 3, "port": 0, "timeout": "%ds", "endpoints": [
                  {"endpoint": "/rs", "output_encoding": "no-op", "input_headers": ["X-User"],
                   "backend": [{"host": ["%s"], "url_pattern": "/rs"}],
                   "extra_config": {"auth/validator": {
                     "alg": "RS256", "jwk_url": "%s", "disable_jwk_security": true, "cache": true,
                     "issuer": "%s", "audience": ["orders"], "roles": ["user"], "operation_debug": true,
                     "propagate_claims": [["sub", "X-User"]]}}},
                  {"endpoint": "/es", "output_encoding": "no-op",
                   "backend": [{"host": ["%s"], "url_pattern": "/es"}],
                   "extra_config": {"auth/validator": {
                     "alg": "ES256", "jwk_url": "%s", "disable_jwk_security": true, "cache": true,
                     "scopes_key": "scope", "scopes": ["orders:read"]}}}
                ]}
                """.formatted(timeoutSeconds, origin.url(), jwkUrl, ISSUER, origin.url(), jwkUrl);
    }

    private void assertStatus(int expected, HttpRequest request) throws Exception {
        assertStatus(expected, request, request.uri().getPath());
    }

    private void assertStatus(int expected, HttpRequest request, String message) throws Exception {
        assertEquals(expected, http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), message);
    }

    private HttpRequest get(String path, String authorization, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    /** Valid defaults (issuer, audience, an hour of life) overridden by {@code pairs}. */
    private static Map<String, Object> claims(Object... pairs) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("aud", List.of("orders"));
        c.put("exp", nowSeconds() + 3600);
        for (int i = 0; i < pairs.length; i += 2) {
            c.put((String) pairs[i], pairs[i + 1]);
        }
        return c;
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static String sign(JWK key, JWSAlgorithm alg, Map<String, Object> claims) throws JOSEException {
        JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r)
                : key instanceof ECKey e ? new ECDSASigner(e) : new MACSigner((OctetSequenceKey) key);
        JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(),
                new Payload(JSONObjectUtils.toJSONString(claims)));
        jws.sign(signer);
        return jws.serialize();
    }

    private static String jwks(JWK... keys) {
        return new JWKSet(List.of(keys).stream().map(JWK::toPublicJWK).toList()).toString();
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The wall clock the validator reads exp from, moved by the test. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
