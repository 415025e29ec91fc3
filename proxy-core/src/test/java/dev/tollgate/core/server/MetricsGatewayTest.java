package dev.tollgate.core.server;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.MetricsOptions;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.log.Log;
import dev.tollgate.core.testing.LogCapture;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metrics and the access log on a real gateway: a scrape on the metrics port shows what the requests did, the
 * public listener never serves metrics, and every answer gets one access line unless its path is skipped.
 */
class MetricsGatewayTest {
    private static TestOrigin origin;
    private static Gateway gateway;
    private static int metricsPort;
    /** Accepts connections and never answers: a client gives up on it. */
    private static ServerSocket silent;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.aggregating(r -> TestOrigin.text(r.uri().contains("fail")
                ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK, "ok"));
        int refusing;
        try (ServerSocket s = new ServerSocket(0)) {
            refusing = s.getLocalPort(); // closed again: connecting to it is refused
        }
        silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        gateway = Gateway.start(TestConfigs.gateway()
                .endpoint(endpoint("/slow", "http://127.0.0.1:" + silent.getLocalPort(), "/s"))
                .endpoint(endpoint("/items/{id}", origin.url(), "/i/{id}"))
                .endpoint(endpoint("/down", "http://127.0.0.1:" + refusing, "/x"))
                .metrics(new MetricsOptions(List.of(new MetricsOptions.Listener("127.0.0.1", 0,
                        List.of("/metrics"), "test")), false))
                .accessLog(Set.of("/__health"))
                .build(), List.of());
        metricsPort = gateway.metricsPorts().get(0); // bound to port 0: no race for a port picked beforehand
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
        try {
            silent.close();
        } catch (java.io.IOException ignored) {
            // closing a test socket
        }
    }

    private static String scrape() throws Exception {
        try (RawHttpClient c = new RawHttpClient(metricsPort)) {
            RawHttpClient.Response r = c.get("/metrics");
            assertEquals(200, r.status());
            assertTrue(r.header("Content-Type").startsWith("text/plain; version=0.0.4"), r.header("Content-Type"));
            return r.text();
        }
    }

    private static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    @Test
    void aScrapeCountsRequestsByEndpointTemplateAndStatusClass() throws Exception {
        double before2xx = value(scrape(), "tollgate_requests_total{code=\"2xx\",endpoint=\"/items/{id}\","
                + "method=\"GET\"}");
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, c.get("/items/1").status());
            assertEquals(200, c.get("/items/2?x=1").status());
            assertEquals(503, c.get("/items/fail").status(), "a no-op endpoint passes the 503 on");
            assertEquals(404, c.get("/nowhere").status());
            assertEquals(502, c.get("/down").status());
            assertEquals(404, c.get("/metrics").status(), "never on the public listener");
        }
        String text = scrape();
        assertEquals(before2xx + 2, value(text, "tollgate_requests_total{code=\"2xx\",endpoint=\"/items/{id}\","
                + "method=\"GET\"}"), text);
        assertTrue(value(text, "tollgate_requests_total{code=\"5xx\",endpoint=\"/items/{id}\",method=\"GET\"}") >= 1);
        assertTrue(value(text, "tollgate_requests_total{code=\"4xx\",endpoint=\"NoRoute\",method=\"GET\"}") >= 2,
                "raw paths never become labels");
        assertTrue(value(text, "tollgate_backend_errors_total{backend=\"GET /x\",endpoint=\"/down\","
                + "kind=\"refused\"}") >= 1, text);
        assertTrue(value(text, "tollgate_backend_errors_total{backend=\"GET /i/{id}\",endpoint=\"/items/{id}\","
                + "kind=\"5xx\"}") >= 1);
        assertTrue(value(text, "tollgate_request_duration_seconds_count{endpoint=\"/items/{id}\",method=\"GET\"}")
                >= 3);
        assertTrue(value(text, "tollgate_backend_request_duration_seconds_count{backend=\"GET /i/{id}\","
                + "endpoint=\"/items/{id}\"}") >= 3);
        assertTrue(text.contains("tollgate_client_connections "), text);
        assertTrue(value(text, "tollgate_backend_connections") >= 1, "the origin's pooled connection");
        assertFalse(text.contains("/nowhere"));
    }

    @Test
    void theMetricsPortAnswersOnlyItsPath() throws Exception {
        try (RawHttpClient c = new RawHttpClient(metricsPort)) {
            assertEquals(404, c.get("/other").status());
            assertEquals(405, c.get("POST", "/metrics", "Content-Length: 0").status());
        }
    }

    @Test
    void everyAnswerGetsOneGinAccessLineUnlessSkipped() throws Exception {
        try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.get("/__health");
            c.get("/items/7?q=a%20b");
            Log.flush();
            String line = log.await("\"/items/7?q=a%20b\"");
            assertTrue(line.matches("(?s).*\\[GIN\\] \\d{4}/\\d\\d/\\d\\d - \\d\\d:\\d\\d:\\d\\d \\| 200 \\| +[0-9.]+"
                    + "(ns|\u00b5s|ms|s) \\|       127\\.0\\.0\\.1 \\| GET      \"/items/7\\?q=a%20b\".*"), line);
            assertFalse(log.text().contains("__health"), "logger_skip_paths");
        }
    }

    @Test
    void aClientThatGivesUpBeforeAnyAnswerIsCountedAndLoggedAs499() throws Exception {
        try (LogCapture log = new LogCapture()) {
            try (RawHttpClient c = new RawHttpClient(gateway.port())) {
                c.out().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                c.out().flush();
                silent.setSoTimeout(10_000);
                try (java.net.Socket backendSide = silent.accept()) {
                    // the gateway connected to the silent backend: the request is in, and the client now gives up
                    c.socket().close();
                    log.await("\"/slow\"");
                }
            }
            String text = log.await("\"/slow\"");
            assertTrue(text.contains("| 499 |"), text);
        }
        assertTrue(value(scrape(), "tollgate_requests_total{code=\"4xx\",endpoint=\"/slow\",method=\"GET\"}") >= 1);
    }
}
