package dev.tollgate.core.server;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import dev.tollgate.core.gateway.Gateway;

import dev.tollgate.core.config.CorsConfig;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** security/cors on a real gateway: preflights answered before routing, CORS headers on every kind of answer. */
class CorsGatewayTest {
    private static TestOrigin origin;
    private static Gateway gateway;
    private static Gateway passthrough;

    private static CorsConfig cors(boolean passthrough) {
        return new CorsConfig(List.of("https://app.example"), List.of("GET", "POST"), List.of("*"),
                List.of("X-Request-Id"), false, false, passthrough, 204, Duration.ofMinutes(10), false);
    }

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.aggregating(r -> {
            var response = TestOrigin.text(HttpResponseStatus.OK, "ok " + r.method());
            response.headers().set("Vary", "Accept");
            return response;
        });
        gateway = Gateway.start(TestConfigs.gateway().cors(cors(false))
                .endpoint(endpoint("/items", origin.url(), "/i")).build(), List.of());
        passthrough = Gateway.start(TestConfigs.gateway().cors(cors(true))
                .endpoint(endpoint("/items", origin.url(), "/i").method("OPTIONS")).build(), List.of());
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        passthrough.shutdown(Duration.ofSeconds(1));
        origin.close();
    }

    @Test
    void aPreflightIsAnsweredByTheGatewayForAnyPath() throws Exception {
        origin.requests.clear();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            for (String path : new String[] {"/items", "/nowhere"}) {
                RawHttpClient.Response r = c.get("OPTIONS", path, "Origin: https://app.example",
                        "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type");
                assertEquals(204, r.status(), path);
                assertNull(r.header("Content-Length"), "a 204 has no Content-Length");
                assertEquals("https://app.example", r.header("Access-Control-Allow-Origin"));
                assertEquals("POST", r.header("Access-Control-Allow-Methods"));
                assertEquals("content-type", r.header("Access-Control-Allow-Headers"));
                assertEquals("600", r.header("Access-Control-Max-Age"));
            }
            RawHttpClient.Response refused = c.get("OPTIONS", "/items", "Origin: https://evil.example",
                    "Access-Control-Request-Method: POST");
            assertEquals(204, refused.status(), "rs/cors answers a refused preflight too, without CORS headers");
            assertNull(refused.header("Access-Control-Allow-Origin"));
        }
        assertNull(origin.requests.poll(100, TimeUnit.MILLISECONDS), "no preflight reaches the backend");
    }

    @Test
    void actualAnswersCarryCorsHeadersNextToTheBackends() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response ok = c.get("GET", "/items", "Origin: https://app.example");
            assertEquals(200, ok.status());
            assertEquals("https://app.example", ok.header("Access-Control-Allow-Origin"));
            assertEquals("X-Request-Id", ok.header("Access-Control-Expose-Headers"));
            assertEquals(List.of("Accept", "Origin"), ok.headers().get("vary").stream().sorted().toList(),
                    "added next to the backend's Vary, as lura adds a no-op backend's headers");
            RawHttpClient.Response missing = c.get("GET", "/missing", "Origin: https://app.example");
            assertEquals(404, missing.status());
            assertEquals("https://app.example", missing.header("Access-Control-Allow-Origin"),
                    "KrakenD's CORS middleware wraps the whole router");
        }
    }

    @Test
    void optionsPassthroughHandsThePreflightToTheEndpoint() throws Exception {
        try (RawHttpClient c = new RawHttpClient(passthrough.port())) {
            RawHttpClient.Response r = c.get("OPTIONS", "/items", "Origin: https://app.example",
                    "Access-Control-Request-Method: GET");
            assertEquals(200, r.status());
            assertEquals("ok OPTIONS", r.text());
            assertEquals("https://app.example", r.header("Access-Control-Allow-Origin"));
        }
    }
}
