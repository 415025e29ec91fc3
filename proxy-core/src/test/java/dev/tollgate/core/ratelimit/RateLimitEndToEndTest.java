package dev.tollgate.core.ratelimit;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The router and proxy rate limits on a real gateway and origin, with an injected clock. */
class RateLimitEndToEndTest {
    private static final AtomicLong NOW = new AtomicLong();
    private static TestOrigin origin;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.ok();
        Duration minute = Duration.ofMinutes(1);
        gateway = Gateway.start(TestConfigs.gateway()
                .endpoint(endpoint("/shared", origin.url(), "/s")
                        .endpointExtension(RouterRateLimitExtension.NAMESPACE,
                                new RouterLimitConfig(new RateLimit(1, 2), null, null, minute)))
                .endpoint(endpoint("/by-ip", origin.url(), "/i")
                        .endpointExtension(RouterRateLimitExtension.NAMESPACE, new RouterLimitConfig(null,
                                new RateLimit(1, 1), new ClientKey(ClientKey.Strategy.IP, null), minute)))
                .endpoint(endpoint("/by-key/{tenant}", origin.url(), "/k")
                        .endpointExtension(RouterRateLimitExtension.NAMESPACE, new RouterLimitConfig(null,
                                new RateLimit(1, 1), new ClientKey(ClientKey.Strategy.PARAM, "tenant"), minute)))
                .endpoint(endpoint("/by-header", origin.url(), "/h")
                        .endpointExtension(RouterRateLimitExtension.NAMESPACE, new RouterLimitConfig(null,
                                new RateLimit(1, 1), new ClientKey(ClientKey.Strategy.HEADER, "X-Api-Key"), minute)))
                .endpoint(endpoint("/to-backend", origin.url(), "/b")
                        .extension(ProxyRateLimitExtension.NAMESPACE, new RateLimit(1, 1)))
                .build(), List.of(new RouterRateLimitExtension(NOW::get, 1000), new ProxyRateLimitExtension(NOW::get)));
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
    }

    private static int status(RawHttpClient c, String path, String... headers) throws Exception {
        return c.get("GET", path, headers).status();
    }

    @Test
    void theEndpointLimitAnswers503PastItsCapacityAndRefills() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, status(c, "/shared"));
            assertEquals(200, status(c, "/shared"));
            RawHttpClient.Response limited = c.get("/shared");
            assertEquals(503, limited.status());
            assertEquals(0, limited.body().length);
            NOW.addAndGet(1_000_000_000L);
            assertEquals(200, status(c, "/shared"), "one token a second");
        }
    }

    @Test
    void aClientLimitAnswers429AndForwardedForDoesNotMakeANewClient() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, status(c, "/by-ip"));
            assertEquals(429, status(c, "/by-ip"));
            assertEquals(429, status(c, "/by-ip", "X-Forwarded-For: 203.0.113.9"),
                    "gin would trust this header from anyone; Tollgate keys by the TCP peer");
        }
    }

    @Test
    void clientsByPathParameterAndByHeader() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, status(c, "/by-key/acme"));
            assertEquals(429, status(c, "/by-key/acme"));
            assertEquals(200, status(c, "/by-key/globex"), "another tenant");
            assertEquals(200, status(c, "/by-header", "X-Api-Key: one"));
            assertEquals(429, status(c, "/by-header", "X-Api-Key: one"));
            assertEquals(200, status(c, "/by-header", "X-Api-Key: two"));
            assertEquals(429, status(c, "/by-header"), "no key: refused, as KrakenD refuses it");
        }
    }

    @Test
    void theBackendLimitFailsTheProxyLikeABackendError() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            origin.requests.clear();
            assertEquals(200, status(c, "/to-backend"));
            RawHttpClient.Response limited = c.get("/to-backend");
            assertEquals(500, limited.status(), "krakendrate.ErrLimited is a plain error: 500");
            assertEquals("false", limited.header("X-Krakend-Completed"));
            assertEquals(1, origin.requests.size(), "the limited request never reached the backend");
        }
    }
}
