package dev.tollgate.core.server;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static dev.tollgate.core.testing.TestConfigs.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.tollgate.core.gateway.Gateway;

import dev.tollgate.core.backend.BackendRequestBuilder;
import dev.tollgate.core.testing.LogCapture;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routing, filtering and header rules through a real gateway to a real origin on loopback. */
class ProxyRoutingTest {
    private static TestOrigin origin;
    private static TestOrigin second;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.aggregating(r -> {
            FullHttpResponse response = TestOrigin.text(HttpResponseStatus.OK, "ok " + r.method() + " " + r.uri());
            response.headers().set("X-Origin", "1");
            response.headers().set("Connection", "X-Hop-Response");
            response.headers().set("X-Hop-Response", "secret");
            response.headers().set("Keep-Alive", "timeout=5");
            return response;
        });
        second = TestOrigin.aggregating(r -> TestOrigin.text(HttpResponseStatus.OK, "second"));
        gateway = Gateway.start(TestConfigs.gateway().echo().debug()
                .endpoint(endpoint("/users/{id}/posts/{post}", origin.url(), "/api/{post}/by/{id}"))
                .endpoint(endpoint("/users/{id}", origin.url(), "/u/{id}").method("DELETE"))
                .endpoint(endpoint("/search", origin.url(), "/find?fixed=1").query(names("q", "page")))
                .endpoint(endpoint("/all", origin.url(), "/all").query(names("*")).headers(names("*")))
                .endpoint(endpoint("/headers", origin.url(), "/h").headers(names("x-allowed", "content-type")))
                .endpoint(endpoint("/post", origin.url(), "/p").method("POST").backendMethod("PUT"))
                .endpoint(endpoint("/rr", origin.url(), "/rr").host(second.url()))
                .endpoint(endpoint("/head", origin.url(), "/h").method("HEAD"))
                .build(), List.of());
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
        second.close();
    }

    private static void drain() {
        origin.requests.clear();
        second.requests.clear();
    }

    @Test
    void routesAndBindsParameters() throws Exception {
        drain();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response r = c.get("/users/alice/posts/42");
            assertEquals(200, r.status());
            assertEquals("ok GET /api/42/by/alice", r.text());
            assertEquals("1", r.header("X-Origin"));
            assertEquals("false", r.header("X-Krakend-Completed"), "KrakenD flags every no-op answer incomplete");
        }
        assertEquals("/api/42/by/alice", origin.take().uri());
    }

    @Test
    void unknownPathIs404AndOtherMethodIs405WithAllow() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response notFound = c.get("/nope");
            assertEquals(404, notFound.status());
            assertEquals("false", notFound.header("X-Krakend-Completed"));
            assertEquals("text/plain", notFound.header("Content-Type"), "gin's, with no charset");
            assertEquals("404 page not found", notFound.text());
            RawHttpClient.Response r = c.get("POST", "/users/1");
            assertEquals(405, r.status());
            assertEquals("DELETE", r.header("Allow"));
            assertEquals("false", r.header("X-Krakend-Completed"));
            assertEquals("text/plain", r.header("Content-Type"));
            assertEquals("405 method not allowed", r.text());
            assertEquals(200, c.get("DELETE", "/users/1").status(), "the connection survives 404 and 405");
        }
    }

    @Test
    void aTrailingSlashIsRedirectedAsKrakendsRouterDoes() throws Exception {
        drain();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response r = c.get("/users/alice/posts/42/?x=1");
            assertEquals(301, r.status());
            assertEquals("/users/alice/posts/42?x=1", r.header("Location"));
            r = c.get("DELETE", "/users/1/");
            assertEquals(307, r.status(), "other methods keep their method and body");
            assertEquals("/users/1", r.header("Location"));
            assertEquals(404, c.get("/nope/").status());
            assertEquals(404, c.get("/users/1/").status(), "no GET route at /users/{id}: no redirect either");
            assertEquals(200, c.get("/search").status(), "the connection survives the redirects");
        }
        origin.take();
        assertTrue(origin.requests.isEmpty(), "a redirect never reaches the backend");
    }

    @Test
    void routerErrorBodyAnswersUnknownPathsWithJson() throws Exception {
        Gateway g = Gateway.start(TestConfigs.gateway().notFoundBody("{\"msg\":\"Unknown endpoint\"}")
                .endpoint(endpoint("/x", origin.url(), "/x")).build(), List.of());
        try (RawHttpClient c = new RawHttpClient(g.port())) {
            for (int i = 0; i < 2; i++) {
                RawHttpClient.Response r = c.get("/nope");
                assertEquals(404, r.status());
                assertEquals("application/json", r.header("Content-Type"));
                assertEquals("{\"msg\":\"Unknown endpoint\"}", r.text(), "the shared bytes serve every 404");
                assertEquals("false", r.header("X-Krakend-Completed"));
            }
        } finally {
            g.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void theHealthEndpointMovesOrGoesAsRouterOptionsSay() throws Exception {
        for (String healthPath : new String[] {"/healthz", null}) {
            Gateway g = Gateway.start(TestConfigs.gateway().health(healthPath)
                    .endpoint(endpoint("/x", origin.url(), "/x")).build(), List.of());
            try (RawHttpClient c = new RawHttpClient(g.port())) {
                assertEquals(404, c.get("/__health").status(), String.valueOf(healthPath));
                if (healthPath != null) {
                    RawHttpClient.Response r = c.get(healthPath);
                    assertEquals(200, r.status());
                    assertTrue(r.text().contains("\"status\":\"ok\""), r.text());
                }
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void forwardsOnlyAllowedQueryParametersSorted() throws Exception {
        drain();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, c.get("/search?page=2&x=1&q=a%20b").status());
            assertEquals("/find?fixed=1&page=2&q=a+b", origin.take().uri());
            assertEquals(200, c.get("/all?b=1&a=2").status());
            assertEquals("/all?a=2&b=1", origin.take().uri());
        }
    }

    @Test
    void aMalformedEscapeInTheQueryDropsThatPairInsteadOfHangingTheRequest() throws Exception {
        drain();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, c.get("/search?utm=%zz&page=2").status());
            assertEquals("/find?fixed=1&page=2", origin.take().uri());
            assertEquals(200, c.get("/all?bad=%G1&a=2").status());
            assertEquals("/all?a=2", origin.take().uri());
        }
    }

    @Test
    void filtersHeadersAndAddsForwardedOnes() throws Exception {
        drain();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, c.get("GET", "/headers", "X-Allowed: yes", "x-denied: no", "User-Agent: curl/8",
                    "Host: public.example").status());
        }
        TestOrigin.Recorded r = origin.take();
        assertEquals("yes", r.headers().get("X-Allowed"));
        assertNull(r.headers().get("X-Denied"));
        assertEquals("127.0.0.1", r.headers().get("X-Forwarded-For"));
        assertEquals("public.example", r.headers().get("X-Forwarded-Host"));
        assertEquals("Tollgate/" + BackendRequestBuilder.VERSION, r.headers().get("User-Agent"));
        assertEquals("127.0.0.1:" + origin.port(), r.headers().get("Host"));
    }

    @Test
    void removesHopByHopHeadersBothWays() throws Exception {
        drain();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response r = c.get("GET", "/all", "Connection: keep-alive, X-Hop", "X-Hop: 1",
                    "Keep-Alive: timeout=9", "Proxy-Authorization: Basic eA==", "Upgrade: h2c", "X-End: 2",
                    "X-Forwarded-For: 9.9.9.9");
            assertEquals(200, r.status());
            assertNull(r.header("X-Hop-Response"), "listed in the origin's Connection header");
            assertNull(r.header("Keep-Alive"));
            assertEquals("1", r.header("X-Origin"));
        }
        TestOrigin.Recorded r = origin.take();
        for (String h : List.of("X-Hop", "Keep-Alive", "Proxy-Authorization", "Upgrade")) {
            assertFalse(r.headers().contains(h), h);
        }
        assertEquals("2", r.headers().get("X-End"));
        assertEquals("9.9.9.9, 127.0.0.1", r.headers().get("X-Forwarded-For"));
    }

    @Test
    void nothingPipelinedAfterAClosingRequestReachesTheBackend() throws Exception {
        // RFC 9112 9.6: after Connection: close (or an HTTP/1.0 request without keep-alive) the server must not
        // process further requests; the second POST used to reach the backend although the client got EOF
        for (String closing : List.of("POST /post HTTP/1.1\r\nHost: a\r\nConnection: close\r\n",
                "POST /post HTTP/1.0\r\nHost: a\r\n")) {
            drain();
            try (RawHttpClient c = new RawHttpClient(gateway.port())) {
                c.sendRaw(closing + "Content-Length: 5\r\n\r\nfirst"
                        + "POST /post HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nsecond");
                assertEquals("ok PUT /p", c.read().text());
                assertTrue(c.awaitClosed(), "closed after the closing request's answer");
            }
            assertEquals("first", origin.take().body());
            Thread.sleep(200); // a second request would already be at the origin: it is on the same loop
            assertTrue(origin.requests.isEmpty(), "pipelined after " + closing.trim() + ": " + origin.requests);
        }
    }

    @Test
    void usesTheBackendMethodAndStreamsTheBody() throws Exception {
        drain();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.send("POST", "/post", "hello body", "Content-Type: text/plain");
            assertEquals("ok PUT /p", c.read().text());
        }
        TestOrigin.Recorded r = origin.take();
        assertEquals("hello body", r.body());
        assertEquals("text/plain", r.headers().get("Content-Type"));
    }

    @Test
    void reusesOneBackendConnectionForSequentialRequests() throws Exception {
        try (TestOrigin own = TestOrigin.ok()) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/k", own.url(), "/k")).build(),
                    List.of());
            try (RawHttpClient c = new RawHttpClient(g.port())) {
                for (int i = 0; i < 5; i++) {
                    assertEquals("ok /k", c.get("/k").text());
                }
                // pipelined: three requests in one write, answered in order
                c.sendRaw("GET /k?1 HTTP/1.1\r\nHost: x\r\n\r\nGET /k?2 HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /k?3 HTTP/1.1\r\nHost: x\r\n\r\n");
                for (int i = 0; i < 3; i++) {
                    assertEquals("ok /k", c.read().text());
                }
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
            assertEquals(1, own.connections.get());
        }
    }

    @Test
    void headResponsesHaveNoBodyAndKeepTheConnectionInStep() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response head = c.get("HEAD", "/head");
            assertEquals(200, head.status());
            assertEquals(String.valueOf("ok HEAD /h".length()), head.header("Content-Length"));
            assertEquals("ok GET /api/2/by/1", c.get("/users/1/posts/2").text());
        }
    }

    @Test
    void expectContinueIsAnsweredByTheGateway() throws Exception {
        drain();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.sendRaw("POST /post HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", c.line());
            assertEquals("", c.line());
            c.sendRaw("data");
            assertEquals("ok PUT /p", c.read().text());
        }
        TestOrigin.Recorded r = origin.take();
        assertEquals("data", r.body());
        assertFalse(r.headers().contains("Expect"));
    }

    @Test
    void roundRobinsOverHosts() throws Exception {
        drain();
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            String a = c.get("/rr").text();
            String b = c.get("/rr").text();
            assertTrue(!a.equals(b), a + " / " + b);
        }
    }

    @Test
    void honoursConnectionClose() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response r = c.get("GET", "/users/a/posts/b", "Connection: close");
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.awaitClosed());
        }
    }

    @Test
    void quickstartShapeProxiesToItsOwnEcho() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Gateway self = Gateway.start(TestConfigs.gateway().echo().port(port)
                .endpoint(endpoint("/hello/{name}", "http://127.0.0.1:" + port, "/__echo/greet/{name}")
                        .query(names("lang")))
                .build(), List.of());
        try (RawHttpClient c = new RawHttpClient(self.port())) {
            RawHttpClient.Response r = c.get("/hello/ana?lang=pt&drop=1");
            assertEquals(200, r.status());
            assertTrue(r.text().contains("\"req_uri\":\"/__echo/greet/ana?lang=pt\""), r.text());
            assertTrue(r.text().contains("\"X-Forwarded-For\":[\"127.0.0.1\"]"), r.text());
        } finally {
            self.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void echoCapsTheBodyAt1MiB() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.send("POST", "/__echo/big", "z".repeat(1024 * 1024 + 100 * 1024));
            assertEquals(413, c.read().status());
            assertEquals(200, c.get("/__health").status(), "a small rest of the body is discarded, connection usable");
        }
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.sendRaw("POST /nowhere HTTP/1.1\r\nHost: a\r\nContent-Length: 100000000\r\n\r\n");
            assertEquals(404, c.read().status());
            byte[] block = new byte[64 * 1024];
            try {
                for (int i = 0; i < 100; i++) {
                    c.out().write(block);
                }
            } catch (java.io.IOException expected) {
                // the gateway stopped reading and closed
            }
            assertTrue(c.awaitClosed(), "a large unwanted body is not read to its end");
        }
    }

    @Test
    void healthEchoAndDebug() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port()); LogCapture log = new LogCapture()) {
            RawHttpClient.Response health = c.get("/__health");
            assertEquals(200, health.status());
            assertEquals("application/json", health.header("Content-Type"));
            assertTrue(health.text().matches("\\{\"agents\":\\{},\"now\":\"[0-9T:.\\-+Z]+\",\"status\":\"ok\"}"),
                    health.text());

            c.send("POST", "/__echo/a/b?x=1&x=2", "the body", "X-Thing: v", "content-type: text/plain");
            RawHttpClient.Response echo = c.read();
            assertEquals(200, echo.status());
            String json = echo.text();
            assertTrue(json.contains("\"req_uri\":\"/__echo/a/b?x=1&x=2\""), json);
            assertTrue(json.contains("\"req_method\":\"POST\""), json);
            assertTrue(json.contains("\"req_querystring\":{\"x\":[\"1\",\"2\"]}"), json);
            assertTrue(json.contains("\"req_body\":\"the body\""), json);
            assertTrue(json.contains("\"X-Thing\":[\"v\"]"), json);
            assertTrue(json.contains("\"Content-Type\":[\"text/plain\"]"), json);
            assertTrue(json.contains("\"path\":\"/__echo/a/b\""), json);

            // Echo often sits behind a client-credentials backend (the README's demo): the stamped token must not
            // travel back to the client in the body.
            RawHttpClient.Response stamped = c.get("GET", "/__echo/t", "Authorization: Bearer eyJ.t0ken",
                    "Proxy-Authorization: Basic dXNlcjpwYXNz", "X-Other: Bearer visible");
            String echoed = stamped.text();
            assertTrue(echoed.contains("\"Authorization\":[\"Bearer <redacted>\"]"), echoed);
            assertTrue(echoed.contains("\"Proxy-Authorization\":[\"Basic <redacted>\"]"), echoed);
            assertTrue(echoed.contains("\"X-Other\":[\"Bearer visible\"]"), echoed);
            assertFalse(echoed.contains("t0ken") || echoed.contains("dXNlcjpwYXNz"), echoed);

            RawHttpClient.Response debug = c.get("GET", "/__debug/x", "Authorization: Bearer s3cr3t");
            assertEquals("{\"message\":\"pong\"}", debug.text());
            String logged = log.await("/__debug/x");
            assertTrue(logged.contains("INFO"), logged);
            assertFalse(logged.contains("s3cr3t"), logged);
        }
    }
}
