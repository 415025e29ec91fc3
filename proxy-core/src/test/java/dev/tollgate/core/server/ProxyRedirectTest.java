package dev.tollgate.core.server;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static dev.tollgate.core.testing.TestConfigs.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.tollgate.core.gateway.Gateway;

import dev.tollgate.core.modifier.MartianConfig;
import dev.tollgate.core.modifier.MartianExtension;
import dev.tollgate.core.testing.LogCapture;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backend redirects are followed the way KrakenD's Go client follows them, through a real gateway to real origins
 * on loopback: {@code /redirect/{code}?to=X} answers {@code code} with {@code Location: X}, anything else answers
 * 200 and describes the request it got.
 */
class ProxyRedirectTest {
    private static TestOrigin origin;
    private static TestOrigin elsewhere;
    private static Gateway gateway;

    private static FullHttpResponse respond(TestOrigin.Recorded r) {
        QueryStringDecoder q = new QueryStringDecoder(r.uri());
        if (q.path().equals("/loop")) {
            FullHttpResponse response = TestOrigin.text(HttpResponseStatus.FOUND, "again");
            response.headers().set("Location", "/loop");
            return response;
        }
        if (q.path().startsWith("/redirect/")) {
            int code = Integer.parseInt(q.path().substring("/redirect/".length()));
            FullHttpResponse response = TestOrigin.text(HttpResponseStatus.valueOf(code), "moved");
            if (q.parameters().containsKey("to")) {
                response.headers().set("Location", q.parameters().get("to").get(0));
            }
            response.headers().set("Set-Cookie", "hop=1");
            return response;
        }
        return TestOrigin.text(HttpResponseStatus.OK, r.method() + " " + r.uri() + " body=" + r.body()
                + " length=" + r.headers().get("Content-Length"));
    }

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.aggregating(ProxyRedirectTest::respond);
        elsewhere = TestOrigin.aggregating(ProxyRedirectTest::respond);
        gateway = Gateway.start(TestConfigs.gateway()
                .endpoint(endpoint("/go/{code}", origin.url(), "/redirect/{code}")
                        .query(names("*")).headers(names("*")))
                .endpoint(endpoint("/post/{code}", origin.url(), "/redirect/{code}").method("POST")
                        .query(names("*")).headers(names("*")))
                .endpoint(endpoint("/modified/{code}", origin.url(), "/redirect/{code}").query(names("*"))
                        .extension(MartianExtension.NAMESPACE, new MartianConfig(
                                List.of(new MartianConfig.HeaderSet("X-Api-Key", "internal-only")), List.of())))
                .endpoint(endpoint("/bad/{code}", origin.url(), "/redirect/{code}").query(names("*")))
                .endpoint(endpoint("/pass/{code}", origin.url(), "/redirect/{code}").query(names("*"))
                        .noRedirect())
                .build(), List.of(new MartianExtension()));
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
        elsewhere.close();
    }

    @BeforeEach
    void drain() {
        origin.requests.clear();
        elsewhere.requests.clear();
    }

    private static String to(String location) {
        return "?to=" + URLEncoder.encode(location, StandardCharsets.UTF_8);
    }

    @Test
    void aRedirectIsFollowedAndOnlyTheFinalResponseReachesTheClient() throws Exception {
        for (String code : List.of("301", "302", "303", "307", "308")) {
            drain();
            try (RawHttpClient c = new RawHttpClient(gateway.port())) {
                RawHttpClient.Response r = c.get("/go/" + code + to("/final?a=1"));
                assertEquals(200, r.status(), code);
                assertEquals("GET /final?a=1 body= length=0", r.text(), code);
                assertNull(r.header("Location"), code);
                assertNull(r.header("Set-Cookie"), code); // the redirect's own headers stay behind
            }
            assertEquals("/redirect/" + code + to("/final?a=1"), origin.take().uri());
            TestOrigin.Recorded second = origin.take();
            assertEquals("/final?a=1", second.uri());
            assertEquals("127.0.0.1:" + origin.port(), second.headers().get("Host"));
        }
    }

    @Test
    void theConnectionIsReusedForTheNextHop() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.get("/go/302" + to("/warm")); // leaves a pooled connection behind
            int before = origin.connections.get();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, c.get("/go/302" + to("/final")).status());
            }
            assertEquals(before, origin.connections.get());
        }
    }

    @Test
    void a303Or302AfterAPostIsFollowedWithAGetWithoutTheBody() throws Exception {
        for (String code : List.of("301", "302", "303")) {
            try (RawHttpClient c = new RawHttpClient(gateway.port())) {
                c.send("POST", "/post/" + code + to("/final"), "payload", "Content-Type: text/plain");
                RawHttpClient.Response r = c.read();
                assertEquals(200, r.status(), code);
                assertEquals("GET /final body= length=0", r.text(), code);
            }
            assertEquals("payload", origin.take().body());
            assertEquals("text/plain", origin.take().headers().get("Content-Type"));
        }
    }

    @Test
    void a307KeepsTheMethodAndGoesToTheClientWhenTheBodyCannotBeSentAgain() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response r = c.get("POST", "/post/307" + to("/final"));
            assertEquals(200, r.status());
            assertEquals("POST /final body= length=0", r.text());

            c.send("POST", "/post/308" + to("/final"), "payload");
            r = c.read();
            assertEquals(308, r.status()); // as Go: a streamed body cannot be sent twice
            assertEquals("/final", r.header("Location"));
        }
    }

    @Test
    void aHostOutsideTheBackendListNeverGetsAuthorization() throws Exception {
        String back = origin.url() + "/final";
        String away = elsewhere.url() + "/redirect/302" + to(back);
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response r = c.get("GET", "/go/302" + to(away), "Authorization: Bearer end-user",
                    "Cookie: c=1");
            assertEquals(200, r.status());
            assertEquals("GET /final body= length=0", r.text());
        }
        assertEquals("Bearer end-user", origin.take().headers().get("Authorization"));
        TestOrigin.Recorded there = elsewhere.take();
        assertEquals("127.0.0.1:" + elsewhere.port(), there.headers().get("Host"));
        assertNull(there.headers().get("Authorization"));
        assertEquals("c=1", there.headers().get("Cookie")); // Go's rule: same host name, other port
        // Back on a host of the backend's list: the request as Tollgate builds it for that backend.
        assertEquals("Bearer end-user", origin.take().headers().get("Authorization"));
    }

    @Test
    void whatTheBackendsDecoratorsAddStaysWithItsOwnHosts() throws Exception {
        String away = elsewhere.url() + "/redirect/307" + to(origin.url() + "/final");
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, c.get("/modified/302" + to(away)).status());
        }
        assertEquals("internal-only", origin.take().headers().get("X-Api-Key"));
        assertNull(elsewhere.take().headers().get("X-Api-Key"), "a martian header is not for other hosts");
        assertEquals("internal-only", origin.take().headers().get("X-Api-Key"), "applied again on its own host");
    }

    @Test
    void aRedirectWithoutLocationIsTheResponse() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response r = c.get("/go/302");
            assertEquals(302, r.status());
            assertEquals("moved", r.text());
        }
    }

    @Test
    void noRedirectPassesTheRedirectToTheClient() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response r = c.get("/pass/302" + to("/final"));
            assertEquals(302, r.status());
            assertEquals("/final", r.header("Location"));
            assertEquals("hop=1", r.header("Set-Cookie"));
        }
        origin.take();
        assertTrue(origin.requests.isEmpty());
    }

    @Test
    void endlessRedirectsStopAfterTenWithA502() throws Exception {
        try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response r = c.get("/go/302" + to("/loop")); // /loop redirects to itself
            assertEquals(502, r.status());
            assertEquals("", r.text());
            assertTrue(log.await("stopped after 10 redirects").contains("[ENDPOINT: /go/{code}]"), log.text());
        }
        assertEquals(11, origin.requests.size()); // the first request and ten redirects followed
    }

    @Test
    void aLocationThatCannotBeFollowedIsA502ThatSaysWhy() throws Exception {
        try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(502, c.get("POST", "/post/302" + to("ftp://files.example/x?sig=SECRET")).status());
            assertTrue(log.await("unsupported protocol scheme \"ftp\"").contains("302 from " + origin.url()),
                    log.text());
            assertEquals(502, c.get("/bad/302" + to("http://bad host/x?sig=SECRET")).status());
            log.await("failed to parse Location header");
            assertTrue(log.text().contains("failed to parse Location header \"http://bad host/x?...\""),
                    log.text());
            assertFalse(log.text().contains("SECRET"), log.text());
        }
    }
}
