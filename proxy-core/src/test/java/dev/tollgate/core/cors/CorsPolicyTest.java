package dev.tollgate.core.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.CorsConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rs/cors' decisions, with the krakend-ce fixture's block and its cors_* specs as the first cases. */
class CorsPolicyTest {
    /** krakend-ce's tests/fixtures/krakend.json security/cors block. */
    private static final CorsPolicy FIXTURE = new CorsPolicy(new CorsConfig(List.of("*"), List.of("POST", "GET"),
            List.of("Origin", "Authorization", "Content-Type"), List.of("Content-Length"), false, false, false, 204,
            Duration.ofHours(12), false));

    private static HttpHeaders answer(CorsPolicy policy, String method, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), "/x");
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        HttpHeaders out = new DefaultHttpHeaders();
        policy.decide(r).addTo(out);
        return out;
    }

    @Test
    void krakendCeCorsSpecs() {
        HttpHeaders cors1 = answer(FIXTURE, "OPTIONS", "Origin", "http://foo.example",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "content-type,origin");
        assertEquals("*", cors1.get("Access-Control-Allow-Origin"));
        assertEquals("GET", cors1.get("Access-Control-Allow-Methods"));
        assertEquals("content-type,origin", cors1.get("Access-Control-Allow-Headers"));
        assertEquals("43200", cors1.get("Access-Control-Max-Age"));
        assertEquals("Origin, Access-Control-Request-Method, Access-Control-Request-Headers", cors1.get("Vary"));

        HttpHeaders cors2 = answer(FIXTURE, "OPTIONS", "Origin", "http://foo.example.tld",
                "Access-Control-Request-Method", "PUT");
        assertNull(cors2.get("Access-Control-Allow-Origin"), "PUT is not an allowed method");
        assertNull(cors2.get("Access-Control-Allow-Methods"));

        HttpHeaders cors3 = answer(FIXTURE, "OPTIONS", "Origin", "http://foo.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "X-PINGOTHER");
        assertNull(cors3.get("Access-Control-Allow-Origin"), "x-pingother is not allowed (and not lower case)");

        HttpHeaders cors5 = answer(FIXTURE, "GET", "Origin", "http://foo.example.tld");
        assertEquals("*", cors5.get("Access-Control-Allow-Origin"));
        assertEquals("Content-Length", cors5.get("Access-Control-Expose-Headers"));
        assertEquals("Origin", cors5.get("Vary"));
    }

    @Test
    void listedAndWildcardOriginsAreEchoed() {
        CorsPolicy p = new CorsPolicy(new CorsConfig(List.of("https://app.example", "https://*.example.org"),
                List.of(), List.of("*"), List.of(), true, false, false, 204, Duration.ZERO, false));
        HttpHeaders listed = answer(p, "GET", "Origin", "https://APP.example");
        assertEquals("https://APP.example", listed.get("Access-Control-Allow-Origin"), "echoed as sent");
        assertEquals("true", listed.get("Access-Control-Allow-Credentials"));
        assertEquals("https://a.b.example.org",
                answer(p, "POST", "Origin", "https://a.b.example.org").get("Access-Control-Allow-Origin"));
        HttpHeaders other = answer(p, "GET", "Origin", "https://evil.example");
        assertNull(other.get("Access-Control-Allow-Origin"));
        assertEquals("Origin", other.get("Vary"), "caches still key by Origin");
        assertNull(answer(p, "PUT", "Origin", "https://app.example").get("Access-Control-Allow-Origin"),
                "no allow_methods: rs/cors' GET, POST, HEAD");
        assertNull(answer(p, "GET").get("Access-Control-Allow-Origin"), "no Origin, no CORS");
        HttpHeaders preflight = answer(p, "OPTIONS", "Origin", "https://app.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "X-Anything");
        assertEquals("X-Anything", preflight.get("Access-Control-Allow-Headers"), "allow_headers *: any");
        assertNull(preflight.get("Access-Control-Max-Age"), "no max_age, no header");
    }

    @Test
    void requestedHeadersFollowRsCorsRules() {
        assertTrue(FIXTURE.headersAccepted(List.of("authorization, content-type")), "one space around a comma");
        assertTrue(FIXTURE.headersAccepted(List.of("authorization", "origin")), "several header lines");
        assertFalse(FIXTURE.headersAccepted(List.of("origin,content-type")), "not sorted");
        assertFalse(FIXTURE.headersAccepted(List.of("origin,origin")), "repeated");
        assertFalse(FIXTURE.headersAccepted(List.of("origin  ,content-type")), "two spaces");
        assertTrue(FIXTURE.headersAccepted(List.of("")), "empty is fine");
    }

    @Test
    void privateNetworkAndNegativeMaxAge() {
        CorsPolicy p = new CorsPolicy(new CorsConfig(List.of("*"), List.of(), List.of("*"), List.of(), false, true,
                false, 204, Duration.ofSeconds(-1), false));
        HttpHeaders h = answer(p, "OPTIONS", "Origin", "https://a", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Private-Network", "true");
        assertEquals("true", h.get("Access-Control-Allow-Private-Network"));
        assertEquals("0", h.get("Access-Control-Max-Age"), "negative: caching off, as rs/cors");
        assertTrue(h.get("Vary").endsWith(", Access-Control-Request-Private-Network"));
    }
}
