package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.server.demo.DemoTokenEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend that revokes the token it was given: the bodiless request is sent once more with the replaced token
 * (single flight) and the client never sees the 401; a second 401 goes to the client; bodies and replay_on_401: false
 * are not replayed.
 */
class ReplayOn401Test {
    private static DemoTokenEndpoint idp;
    private static RecordingOrigin origin;
    private static Gateway gateway;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        idp = new DemoTokenEndpoint(0, 300);
        origin = new RecordingOrigin();
        String backend = """
                {"host": ["%s"], "url_pattern": "%s", "encoding": "no-op", "extra_config": {"auth/client-credentials": {
                  "client_id": "%s", "client_secret": "%s", "token_url": "%s"%s}}}""";
        String config = """
                {"version": 3, "port": 0, "endpoints": [
                  {"endpoint": "/r", "output_encoding": "no-op", "backend": [%s]},
                  {"endpoint": "/w", "method": "POST", "output_encoding": "no-op", "backend": [%s]},
                  {"endpoint": "/off", "output_encoding": "no-op", "backend": [%s]},
                  {"endpoint": "/big", "method": "POST", "output_encoding": "no-op", "backend": [%s]}
                ]}""".formatted(
                backend.formatted(origin.url(), "/r", DemoTokenEndpoint.CLIENT_ID, DemoTokenEndpoint.CLIENT_SECRET,
                        idp.tokenUrl(), ""),
                backend.formatted(origin.url(), "/w", DemoTokenEndpoint.CLIENT_ID, DemoTokenEndpoint.CLIENT_SECRET,
                        idp.tokenUrl(), ""),
                backend.formatted(origin.url(), "/off", DemoTokenEndpoint.CLIENT_ID, DemoTokenEndpoint.CLIENT_SECRET,
                        idp.tokenUrl(), ", \"replay_on_401\": false"),
                backend.formatted(origin.url(), "/big", DemoTokenEndpoint.CLIENT_ID, DemoTokenEndpoint.CLIENT_SECRET,
                        idp.tokenUrl(), ", \"replay_body_limit\": 4"));
        Path file = Files.writeString(dir.resolve("krakend.json"), config);
        gateway = Gateway.start(new ConfigLoader(ServerExtensions.create()).load(file).config(),
                ServerExtensions.create());
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
        idp.close();
    }

    @BeforeEach
    void clear() {
        origin.revoked.clear();
        origin.requests.clear();
    }

    private static int send(String method, String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")) : b.GET();
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The token the origin saw on its next request. */
    private static String nextToken() throws InterruptedException {
        RecordingOrigin.Seen seen = origin.requests.poll(5, TimeUnit.SECONDS);
        return seen == null ? null : seen.headers().get("Authorization");
    }

    /** A token must be older than the holder's minimum age before a 401 is blamed on it. */
    private static void letTheTokenAge() throws InterruptedException {
        Thread.sleep(1_100);
    }

    @Test
    void aRevokedTokenIsReplacedAndTheRequestSentOnceMore() throws Exception {
        assertEquals(200, send("GET", "/r"));
        String first = nextToken();
        letTheTokenAge();
        origin.revoked.add(first);
        long tokensBefore = idp.tokenRequests();
        assertEquals(200, send("GET", "/r"), "the client never sees the revoked token's 401");
        assertEquals(first, nextToken(), "first with the revoked token");
        String second = nextToken();
        assertNotEquals(first, second, "then once more with the replacement");
        assertEquals(tokensBefore + 1, idp.tokenRequests(), "one refresh");
        assertNull(origin.requests.poll(200, TimeUnit.MILLISECONDS), "and nothing more");
    }

    @Test
    void aSecond401GoesToTheClientAfterExactlyOneReplay() throws Exception {
        assertEquals(200, send("GET", "/r"));
        nextToken();
        letTheTokenAge();
        origin.revoked.add("*");
        assertEquals(401, send("GET", "/r"));
        nextToken();
        nextToken();
        assertNull(origin.requests.poll(300, TimeUnit.MILLISECONDS), "never a loop: two requests, not three");
    }

    @Test
    void aSmallBodyIsKeptAndReplayedWithTheRequest() throws Exception {
        assertEquals(200, send("GET", "/r"));
        String token = nextToken();
        letTheTokenAge();
        origin.revoked.add(token);
        assertEquals(200, send("POST", "/w"), "a body within replay_body_limit is kept and sent again");
        RecordingOrigin.Seen first = origin.requests.poll(5, TimeUnit.SECONDS);
        RecordingOrigin.Seen second = origin.requests.poll(5, TimeUnit.SECONDS);
        assertEquals("{\"n\":1}", first.body());
        assertEquals("{\"n\":1}", second.body(), "the same body, whole, the second time");
        assertNotEquals(first.headers().get("Authorization"), second.headers().get("Authorization"));
        assertNull(origin.requests.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void aBodyLargerThanTheLimitIsStreamedAndNotReplayed() throws Exception {
        assertEquals(200, send("GET", "/r"));
        String token = nextToken();
        letTheTokenAge();
        origin.revoked.add(token);
        assertEquals(401, send("POST", "/big"), "7 bytes over a 4-byte limit: streamed, so it cannot be sent twice");
        nextToken();
        assertNull(origin.requests.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void replayOn401FalsePassesThe401On() throws Exception {
        assertEquals(200, send("GET", "/off"));
        String token = nextToken();
        letTheTokenAge();
        origin.revoked.add(token);
        assertEquals(401, send("GET", "/off"));
        nextToken();
        assertNull(origin.requests.poll(300, TimeUnit.MILLISECONDS), "replay_on_401: false");
    }
}
