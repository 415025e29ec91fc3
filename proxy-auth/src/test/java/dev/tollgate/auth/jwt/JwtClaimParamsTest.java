package dev.tollgate.auth.jwt;

import static dev.tollgate.auth.jwt.TestKeys.claims;
import static dev.tollgate.auth.jwt.TestKeys.list;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.json.JsonTreeReader;
import dev.tollgate.core.extension.GuardParams;
import dev.tollgate.core.extension.GuardVerdict;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims a url_pattern names ({@code {JWT.x}}), as the guard hands them to the backend: krakend-jose's
 * {@code Claims.Get} text for every JSON type, a top-level lookup for a dotted name, and a refusal where KrakenD
 * would send the placeholder itself or an empty value.
 */
class JwtClaimParamsTest {
    private static final OctetSequenceKey HMAC = TestKeys.hmac(256, "sim2");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;

    /** A guard for an endpoint with one path parameter whose backends name {@code claims}. */
    private JwtGuard guard(String... claims) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, TestKeys.jwks(HMAC));
        ConfigProblems problems = new ConfigProblems();
        JwtValidatorConfig config = JwtValidatorConfigParser.parse(JsonTreeReader.read(
                "{\"alg\": \"HS256\", \"operation_debug\": true, \"jwk_local_path\": \"" + file + "\"}"),
                JwtValidatorConfigTest.PATH, problems);
        assertEquals(List.of(), problems.errors());
        JwtValidatorConfig.LocalKeys local = (JwtValidatorConfig.LocalKeys) config.keys();
        List<String> names = List.of(claims).stream().map(c -> "JWT." + c).toList();
        return new JwtGuard(config, new LocalKeyProvider(local.path(), local.keySet()), new VerifiedTokenCache(),
                new MutableClock(NOW), GuardParams.of(1, names));
    }

    private static HttpRequest request(Map<String, Object> claims) {
        Map<String, Object> all = claims("exp", NOW.getEpochSecond() + 300);
        all.putAll(claims);
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/p/7");
        r.headers().set("Authorization", "Bearer " + TestKeys.sign(HMAC, JWSAlgorithm.HS256, all));
        return r;
    }

    /** The values after the path's "7", or the rejection's status and reason. */
    private static Object fill(JwtGuard guard, Map<String, Object> claims) {
        String[] values = new String[1 + guard.slotCount()]; // as GuardedRoute widens the router's {"7"}
        values[0] = "7";
        GuardVerdict v = guard.check(request(claims), "ip", values);
        if (v != GuardVerdict.PASS) {
            return v.rejection().status() + " " + v.rejection().logMessage();
        }
        return List.of(values).subList(1, values.length);
    }

    @Test
    void stringAndNumberClaimsAsKrakendJoseWritesThem() throws Exception {
        JwtGuard g = guard("sub", "n", "big", "f", "tiny", "ok", "roles", "nums", "obj");
        assertEquals(List.of("1234567890qwertyuio", "42", "9007199254740993", "1.500000", "2", "true",
                        "role_a,role_b", "1,1.5,1e+06,1e-05,123456", "{\"a\":1}"),
                fill(g, claims("sub", "1234567890qwertyuio", "n", 42, "big", 9007199254740993L, "f", 1.5,
                        "tiny", 2.0000001, "ok", true, "roles", list("role_a", "role_b"),
                        "nums", list(1, 1.5, 1e6, 0.00001, 123456), "obj", Map.of("a", 1))),
                "whole numbers without a point, others with %f, array items with %v, the rest as JSON; a whole "
                        + "number beyond 2^53 stays exact (Go reads it as a float64 and sends ...992)");
    }

    @Test
    void aDottedNameIsOneTopLevelClaimAsInKrakend() throws Exception {
        JwtGuard g = guard("http://example.com/custom", "a.b");
        assertEquals(List.of("mine", "flat"), fill(g, claims("http://example.com/custom", "mine", "a.b", "flat",
                "a", Map.of("b", "nested"))));
        Object nestedOnly = fill(g, claims("http://example.com/custom", "mine", "a", Map.of("b", "nested")));
        assertEquals("401 JWT validator: 401: the token has no usable claim a.b for the backend's {JWT.a.b}",
                nestedOnly, "no walk into objects: KrakenD leaves {JWT.a.b} unfilled there");
    }

    @Test
    void aMissingEmptyOrDotClaimIsRefusedWhereKrakendWouldCallTheBackendAnyway() throws Exception {
        JwtGuard g = guard("tenant");
        for (Map<String, Object> claims : List.of(claims("sub", "x"), claims("tenant", ""), claims("tenant", ".."),
                claims("tenant", list()))) {
            Object out = fill(g, claims);
            assertTrue(String.valueOf(out).startsWith("401 JWT validator: 401: the token has no usable claim "
                    + "tenant for the backend's {JWT.tenant}"), claims + " -> " + out);
        }
    }

    @Test
    void anEndpointWithoutJwtPlaceholdersGetsItsArrayUntouched() throws Exception {
        JwtGuard g = guard();
        String[] values = {"7"};
        assertSame(GuardVerdict.PASS, g.check(request(claims("sub", "x")), "ip", values));
        assertArrayEquals(new String[] {"7"}, values);
    }

    @Test
    void goFloatIsFmtV() {
        assertEquals("0", GoFloat.formatV(0));
        assertEquals("-2.5", GoFloat.formatV(-2.5));
        assertEquals("123456", GoFloat.formatV(123456));
        assertEquals("1.234567e+06", GoFloat.formatV(1234567));
        assertEquals("0.0001", GoFloat.formatV(0.0001));
        assertEquals("1.5e-05", GoFloat.formatV(0.000015));
        assertEquals("1e+21", GoFloat.formatV(1e21));
        assertEquals("0.1", GoFloat.formatV(0.1));
    }
}
