package dev.tollgate.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.server.ServerExtensions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo does what its banner says: a stamped Bearer token at the backend, one token request for many calls. */
class DemoCommandTest {

    @Test
    void manyCallsOneTokenAndTheBackendSeesABearer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int gatewayPort = port;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int[] checked = new int[1];
        int code = DemoCommand.run(gatewayPort, new PrintStream(printed, true, StandardCharsets.UTF_8), file -> {
            try {
                var loaded = new ConfigLoader(ServerExtensions.create()).load(file);
                assertEquals(0, loaded.warnings().size(), loaded.warnings().toString());
                Gateway g = Gateway.start(loaded.config(), ServerExtensions.create());
                try {
                    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    for (int i = 0; i < 20; i++) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gatewayPort + "/protected/" + i)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, r.statusCode(), r.body());
                        assertTrue(r.body().contains("\"Authorization\":[\"Bearer <redacted>\"]"), r.body());
                        assertTrue(r.body().contains("/__echo/orders/" + i), r.body());
                    }
                    String stats = http.send(HttpRequest.newBuilder(URI.create(Files.readString(file)
                            .replaceAll("(?s).*\"token_url\": \"(http://127.0.0.1:\\d+)/token\".*", "$1") + "/stats"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                    assertEquals("{\"token_requests\":1,\"refused\":0}", stats, "twenty calls, one token");
                    int metricsPort = g.metricsPorts().get(0);
                    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort
                            + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("tollgate_token_fetches_total{")
                            && l.contains("result=\"ok\"") && l.endsWith(" 1.0")), metrics);
                    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("tollgate_token_stamped_total{")
                            && l.endsWith(" 20.0")), metrics);
                    checked[0]++;
                } finally {
                    g.shutdown(Duration.ofSeconds(1));
                }
                return 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(0, code);
        assertEquals(1, checked[0]);
        String banner = printed.toString(StandardCharsets.UTF_8);
        assertTrue(banner.contains("curl -s localhost:" + gatewayPort + "/protected/7"), banner);
        assertTrue(banner.contains("/metrics | grep"), banner);
        assertTrue(!banner.contains(DemoTokenEndpoint.CLIENT_SECRET), "the banner shows no secret: " + banner);
    }

    @Test
    void aWrongSecretIsRefusedByTheDemoTokenEndpoint() throws Exception {
        try (DemoTokenEndpoint idp = new DemoTokenEndpoint(0, 60)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(idp.tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + DemoTokenEndpoint.CLIENT_ID + "&client_secret=wrong")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode());
            assertEquals(0, idp.tokenRequests());
        }
    }
}
