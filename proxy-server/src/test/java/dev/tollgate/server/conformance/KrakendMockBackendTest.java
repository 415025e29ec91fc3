package dev.tollgate.server.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mock backend answers as krakend-ce's Go one would (expected texts worked out from tests/integration.go and
 * Go's net/http), and the Go-like client follows its redirects as Go's does: both are only worth something to the
 * conformance test if they are right.
 */
class KrakendMockBackendTest {
    private static final Map<String, String> LOOPBACK = Map.of("X-Forwarded-For", "127.0.0.1");
    private static MockBackend backend;
    private static GoHttpClient client;

    @BeforeAll
    static void start() throws InterruptedException {
        backend = new MockBackend(new KrakendMockRoutes(Duration.ofMillis(10), (method, headers) -> headers)::serve);
        client = new GoHttpClient(Map.of("127.0.0.1:8081", new InetSocketAddress("127.0.0.1", backend.port())),
                5_000);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void echoAnswersPathQueryAndHeadersWithoutXForwardedForAsGoEncodesThem() throws Exception {
        GoHttpClient.Response res = client.send("GET", "http://127.0.0.1:8081/param_forwarding/a%20b?x=1&x=2&y=%3C",
                Map.of("X-Forwarded-For", "127.0.0.1", "x-y-z", "v"), null);
        assertEquals(200, res.status());
        assertEquals(List.of("application/json"), res.header().get("Content-Type"));
        assertEquals(List.of("test1=test1", "test2=test2"), res.header().get("Set-Cookie"));
        assertEquals("{\"foo\":42,\"headers\":{\"Accept-Encoding\":[\"gzip\"],\"User-Agent\":[\"Go-http-client/1.1\"],"
                + "\"X-Y-Z\":[\"v\"]},\"path\":\"/param_forwarding/a b\",\"query\":{\"x\":[\"1\",\"2\"],"
                + "\"y\":[\"\\u003c\"]}}\n", res.bodyText());
    }

    @Test
    void aNonLoopbackOrMissingXForwardedForIs400() throws Exception {
        for (Map<String, String> h : List.of(Map.<String, String>of(), Map.of("X-Forwarded-For", "10.0.0.1"),
                Map.of("X-Forwarded-For", "127.0.0.1, 10.0.0.1"))) {
            GoHttpClient.Response res = client.send("GET", "http://127.0.0.1:8081/xml", h, null);
            assertEquals(400, res.status(), h.toString());
            assertEquals("invalid X-Forwarded-For\n", res.bodyText());
            assertEquals(List.of("text/plain; charset=utf-8"), res.header().get("Content-Type"));
        }
    }

    @Test
    void theMuxRedirectsASubtreeWithoutItsSlashAndTheClientFollowsWithReferer() throws Exception {
        GoHttpClient.Response res = client.send("GET", "http://127.0.0.1:8081/param_forwarding?q=1", LOOPBACK, null);
        assertEquals(200, res.status());
        Object echo = GoJson.decode(res.bodyText());
        assertEquals("/param_forwarding/", ((Map<?, ?>) echo).get("path"));
        assertEquals(List.of("http://127.0.0.1:8081/param_forwarding?q=1"),
                ((Map<?, ?>) ((Map<?, ?>) echo).get("headers")).get("Referer"));
    }

    @Test
    void redirectEndpointAnswersTheRequestedCodeAndAPostBecomesAGet() throws Exception {
        GoHttpClient.Response res = client.send("POST", "http://127.0.0.1:8081/redirect/?status=303", LOOPBACK,
                "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, res.status());
        Map<?, ?> echo = (Map<?, ?>) GoJson.decode(res.bodyText());
        assertEquals(Map.of("status", List.of("303")), echo.get("query"));
        assertEquals("/param_forwarding/", echo.get("path"));
        assertEquals(400, client.send("GET", "http://127.0.0.1:8081/redirect/?status=abc", LOOPBACK, null).status());
    }

    @Test
    void collectionUnknownPathsAndTheJwkSet() throws Exception {
        List<?> items = (List<?>) GoJson.decode(client.send("GET", "http://127.0.0.1:8081/collection/2", LOOPBACK,
                null).bodyText());
        assertEquals(10, items.size());
        assertEquals(Map.of("i", 9.0, "path", "/collection/2"), items.get(9));
        GoHttpClient.Response missing = client.send("GET", "http://127.0.0.1:8081/unknown", LOOPBACK, null);
        assertEquals(404, missing.status());
        assertEquals("404 page not found\n", missing.bodyText());
        assertEquals(200, client.send("GET", "http://127.0.0.1:8081/jwk/symmetric", Map.of(), null).status());
    }
}
