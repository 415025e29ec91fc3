package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.LoadedConfig;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole product, end to end on loopback: a real OAuth2 server (mock-oauth2-server), a real origin, and the
 * gateway built from a KrakenD config exactly as {@code run} builds it.
 */
class ClientCredentialsEndToEndTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MockOAuth2Server idp;
    private RecordingOrigin origin;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        idp = new MockOAuth2Server();
        idp.start();
        origin = new RecordingOrigin();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.shutdown(Duration.ofSeconds(1));
        }
        origin.close();
        idp.shutdown();
        Log.setOutput(System.err);
    }

    @Test
    void backendSeesTheBearerTokenAndTheIdpIsAskedOnceForManyConcurrentRequests() throws Exception {
        startGateway(config(idp.tokenEndpointUrl("default").toString(), "tollgate-e2e", "e2e-secret-value"));

        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inFlight.add(http.sendAsync(get("/protected/" + i), HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : inFlight) {
            assertEquals(200, f.get(20, TimeUnit.SECONDS).statusCode());
        }

        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            RecordingOrigin.Seen seen = origin.requests.poll(5, TimeUnit.SECONDS);
            assertNotNull(seen, "origin saw only " + i + " requests");
            String authorization = seen.headers().get("Authorization");
            assertNotNull(authorization);
            assertTrue(authorization.startsWith("Bearer "), authorization);
            tokens.add(authorization);
        }
        assertEquals(1, tokens.size(), "every request carries the one cached token");
        String jwtPayload = new String(Base64.getUrlDecoder().decode(
                tokens.iterator().next().substring("Bearer ".length()).split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(jwtPayload.contains("tollgate-e2e"), "token issued to our client id: " + jwtPayload);

        RecordedRequest tokenRequest = idp.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(tokenRequest);
        assertTrue(tokenRequest.getBody().readUtf8().contains("grant_type=client_credentials"));
        assertEquals("application/json", tokenRequest.getHeader("Accept"));
        assertNull(takeOrNull(300), "exactly one token request");
    }

    @Test
    void theSeedsAuth0ExampleWorksEndToEnd() throws Exception {
        String sample = Files.readString(Path.of("..", "config-samples", "auth0.json"))
                .replace("https://custom.auth0.tld/token_endpoint", idp.tokenEndpointUrl("default").toString())
                .replace("https://your-api.example.com", origin.url())
                .replace("\"port\": 8080", "\"port\": 0")
                // mock-oauth2-server signs its first token slowly on a loaded 2-core machine
                .replace("\"timeout\": \"3s\"", "\"timeout\": \"15s\"");
        startGateway(sample);

        HttpResponse<String> res = http.send(get("/endpoint"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode());
        RecordingOrigin.Seen seen = origin.requests.poll(5, TimeUnit.SECONDS);
        assertNotNull(seen);
        assertEquals("/backend", seen.uri());
        assertTrue(seen.headers().get("Authorization").startsWith("Bearer "));
        assertEquals("application/json", seen.headers().get("Accept"), "martian header.Modifier applied");

        // Auth0 needs the credentials in the form body: endpoint_params carries them.
        String form = null;
        for (RecordedRequest r; (r = takeOrNull(1000)) != null; ) {
            form = r.getBody().readUtf8();
        }
        assertNotNull(form);
        assertTrue(form.contains("audience=YOUR-AUDIENCE"), form);
        assertTrue(form.contains("client_id=YOUR-CLIENT-ID"), form);
    }

    @Test
    void aFailingIdpGivesAnEmpty500AndALogLineWithoutTheSecret() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
        // A port nothing listens on: the token request is refused.
        String deadIdp = "http://127.0.0.1:" + freePort() + "/token";
        startGateway(config(deadIdp, "tollgate-e2e", "e2e-secret-value"));

        HttpResponse<String> res = http.send(get("/protected/1"), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, res.statusCode());
        assertEquals("false", res.headers().firstValue("X-Krakend-Completed").orElse(null));
        assertEquals("", res.body());
        assertNull(origin.requests.poll(200, TimeUnit.MILLISECONDS), "no request reaches the backend without a token");

        String logged = flushedText(log);
        assertTrue(logged.contains("[ENDPOINT: /protected/{id}]"), logged);
        assertTrue(logged.contains(deadIdp), logged);
        assertFalse(logged.contains("e2e-secret-value"), logged);
    }

    @Test
    void noTokenStatus503TellsTheClientWhenToRetry() throws Exception {
        String deadIdp = "http://127.0.0.1:" + freePort() + "/token";
        startGateway(config(deadIdp, "tollgate-e2e", "e2e-secret-value")
                .replace("\"scopes\": \"read, write\"", "\"scopes\": \"read, write\", \"no_token_status\": 503"));

        HttpResponse<String> res = http.send(get("/protected/1"), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, res.statusCode());
        long retryAfter = Long.parseLong(res.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "the next attempt is within the no-token backoff cap: "
                + retryAfter);
        assertEquals("false", res.headers().firstValue("X-Krakend-Completed").orElse(null));
        assertEquals("", res.body());
    }

    @Test
    void returnErrorMsgExplainsTheFailedTokenFetchWithoutTheSecret() throws Exception {
        String deadIdp = "http://127.0.0.1:" + freePort() + "/token";
        startGateway(config(deadIdp, "tollgate-e2e", "e2e-secret-value")
                .replace("\"port\": 0,", "\"port\": 0, \"extra_config\": {\"router\": {\"return_error_msg\": true}},"));

        HttpResponse<String> res = http.send(get("/protected/1"), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, res.statusCode());
        assertTrue(res.body().startsWith("Post \"" + deadIdp + "\": "), res.body());
        assertFalse(res.body().contains("e2e-secret-value"), res.body());
    }

    @Test
    void aBackend401PassesThroughAndReplacesTheToken() throws Exception {
        startGateway(config(idp.tokenEndpointUrl("default").toString(), "tollgate-e2e", "e2e-secret-value"));
        assertEquals(200, http.send(get("/protected/1"), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertNotNull(takeOrNull(5000), "first token request");

        origin.status.set(401);
        // A token is only replaced once it is a second old (a backend that always says 401 must not turn every
        // request into a token request), so keep asking until the IdP sees the replacement fetch.
        RecordedRequest refetch = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (refetch == null && System.nanoTime() < deadline) {
            assertEquals(401, http.send(get("/protected/2"), HttpResponse.BodyHandlers.ofString()).statusCode());
            refetch = takeOrNull(200);
        }
        assertNotNull(refetch, "a backend 401 makes the proxy fetch a new token");
    }

    @Test
    void recoversWithoutRestartOnceTheIdpComesBack() throws Exception {
        int idpPort = freePort();
        MockOAuth2Server late = new MockOAuth2Server();
        try {
            startGateway(config("http://127.0.0.1:" + idpPort + "/default/token", "tollgate-e2e", "e2e-secret-value"));
            assertEquals(500, http.send(get("/protected/1"), HttpResponse.BodyHandlers.ofString()).statusCode());

            late.start(java.net.InetAddress.getByName("127.0.0.1"), idpPort);
            long healed = System.nanoTime();
            int status = 500;
            while (status != 200 && System.nanoTime() - healed < TimeUnit.SECONDS.toNanos(15)) {
                status = http.send(get("/protected/2"), HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status != 200) {
                    Thread.sleep(250);
                }
            }
            assertEquals(200, status, "the retry timer (at most 5s apart without a token) picks the IdP up again");
        } finally {
            late.shutdown();
        }
    }

    @Test
    void redirectsAreFollowedAndTheTokenNeverLeavesTheBackendsHosts() throws Exception {
        try (RecordingOrigin other = new RecordingOrigin()) {
            origin.redirects.put("/resource/here", "/resource/final");
            origin.redirects.put("/resource/away", other.url() + "/landing?sig=presigned");
            startGateway(config(idp.tokenEndpointUrl("default").toString(), "tollgate-e2e", "e2e-secret-value"));

            assertEquals(200, http.send(get("/protected/here"), HttpResponse.BodyHandlers.ofString()).statusCode());
            RecordingOrigin.Seen first = origin.requests.poll(5, TimeUnit.SECONDS);
            RecordingOrigin.Seen second = origin.requests.poll(5, TimeUnit.SECONDS);
            assertNotNull(second);
            assertEquals("/resource/final", second.uri());
            assertTrue(second.headers().get("Authorization").startsWith("Bearer "), "stamped on its own host");
            assertEquals(first.headers().get("Authorization"), second.headers().get("Authorization"));

            // krakend-ce#889: KrakenD sends the token to whatever host the backend redirects to.
            HttpResponse<String> away = http.send(get("/protected/away"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, away.statusCode());
            assertTrue(origin.requests.poll(5, TimeUnit.SECONDS).headers().get("Authorization")
                    .startsWith("Bearer "));
            RecordingOrigin.Seen landed = other.requests.poll(5, TimeUnit.SECONDS);
            assertNotNull(landed);
            assertEquals("/landing?sig=presigned", landed.uri());
            assertNull(landed.headers().get("Authorization"));
        }
    }

    @Test
    void theMetricsEndpointShowsOneTokenServingManyRequestsAndNoSecret() throws Exception {
        int metricsPort = freePort();
        String json = config(idp.tokenEndpointUrl("default").toString(), "tollgate-metrics", "metrics-secret-value")
                .replace("\"port\": 0,", "\"port\": 0, \"extra_config\": {\"tollgate/server\": {\"metrics_port\": "
                        + metricsPort + "}, \"router\": {\"disable_access_log\": true}},");
        startGateway(json);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, http.send(get("/protected/" + i), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String labels = "client_id=\"tollgate-metrics\",credential_set=\"1\",";
        assertTrue(text.lines().anyMatch(l -> l.startsWith("tollgate_token_fetches_total{" + labels + "result=\"ok\"")
                && l.endsWith(" 1.0")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("tollgate_token_stamped_total{" + labels)
                && l.endsWith(" 5.0")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("tollgate_token_expires_in_seconds{" + labels)
                && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) > 0), text);
        assertTrue(text.contains("tollgate_requests_total{code=\"2xx\",endpoint=\"/protected/{id}\",method=\"GET\"} 5.0"),
                text);
        assertFalse(text.contains("metrics-secret-value"), "no secret in a metric");
        String token = origin.requests.poll(5, TimeUnit.SECONDS).headers().get("Authorization").substring(7);
        assertFalse(text.contains(token), "no token in a metric");
    }

    @Test
    void twoCredentialSetsOfOneClientAreTwoSeriesAndTheScrapeStillWorks() throws Exception {
        int metricsPort = freePort();
        String tokenUrl = idp.tokenEndpointUrl("default").toString();
        startGateway("""
                {"version": 3, "port": 0, "timeout": "5s",
                 "extra_config": {"tollgate/server": {"metrics_port": %d}, "router": {"disable_access_log": true}},
                 "endpoints": [
                   {"endpoint": "/a", "output_encoding": "no-op", "backend": [{"host": ["%s"], "url_pattern": "/a",
                     "extra_config": {"auth/client-credentials": {"client_id": "same", "client_secret": "s1-secret",
                       "token_url": "%s", "scopes": "read"}}}]},
                   {"endpoint": "/b", "output_encoding": "no-op", "backend": [{"host": ["%s"], "url_pattern": "/b",
                     "extra_config": {"auth/client-credentials": {"client_id": "same", "client_secret": "s1-secret",
                       "token_url": "%s", "scopes": "write"}}}]}
                 ]}
                """.formatted(metricsPort, origin.url(), tokenUrl, origin.url(), tokenUrl));
        assertEquals(200, http.send(get("/a"), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(get("/b"), HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode(), "two holders with the same URL and client id must not break it");
        for (String set : new String[] {"1", "2"}) {
            assertTrue(scrape.body().lines().anyMatch(l -> l.startsWith("tollgate_token_stamped_total{client_id="
                    + "\"same\",credential_set=\"" + set + "\"") && l.endsWith(" 1.0")), scrape.body());
        }
    }

    private void startGateway(String json) throws Exception {
        var extensions = Extensions.create();
        LoadedConfig loaded = new ConfigLoader(extensions).parse(json, "test.json");
        gateway = Gateway.start(loaded.config(), extensions);
    }

    private String config(String tokenUrl, String clientId, String secret) {
        return """
                {"version": 3, "port": 0, "timeout": "5s",
                 "endpoints": [{
                   "endpoint": "/protected/{id}", "output_encoding": "no-op",
                   "backend": [{
                     "host": ["%s"], "url_pattern": "/resource/{id}",
                     "extra_config": {"auth/client-credentials": {
                       "client_id": "%s", "client_secret": "%s", "token_url": "%s", "scopes": "read, write"}}
                   }]
                 }]}
                """.formatted(origin.url(), clientId, secret, tokenUrl);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(20)).build();
    }

    /** mock-oauth2-server throws instead of returning null when no request came. */
    private RecordedRequest takeOrNull(long millis) {
        try {
            return idp.takeRequest(millis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException noRequest) {
            return null;
        }
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The log is written asynchronously: wait for what was logged so far. */
    private static String flushedText(java.io.ByteArrayOutputStream captured) {
        Log.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }
}
