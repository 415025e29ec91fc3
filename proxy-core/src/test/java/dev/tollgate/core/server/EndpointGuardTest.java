package dev.tollgate.core.server;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static dev.tollgate.core.testing.TestConfigs.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.tollgate.core.gateway.Gateway;

import dev.tollgate.core.testing.LogCapture;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestGuardExtension;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Endpoint guards on a real gateway: pass, reject at once, wait then pass or reject, time out, client leaves. */
class EndpointGuardTest {
    private static TestOrigin origin;
    private static Gateway gateway;
    private static final TestGuardExtension GUARD = new TestGuardExtension();

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.aggregating(r -> TestOrigin.text(HttpResponseStatus.OK,
                "ok " + r.headers().get("X-Guarded") + " " + r.body()));
        gateway = Gateway.start(TestConfigs.gateway()
                .endpoint(endpoint("/guarded", origin.url(), "/g").method("POST")
                        .headers(names("content-type", "x-guarded")).timeout(Duration.ofMillis(400))
                        .endpointExtension(TestGuardExtension.NAMESPACE, "parsed"))
                .endpoint(endpoint("/guarded-log", origin.url(), "/g").method("POST")
                        .endpointExtension(TestGuardExtension.NAMESPACE, "parsed"))
                .endpoint(endpoint("/claims/{id}", origin.url(), "/c/{id}/{JWT.sub}?t={JWT.tenant}")
                        .endpointExtension(TestGuardExtension.NAMESPACE, "parsed"))
                .endpoint(endpoint("/open", origin.url(), "/o"))
                .build(), List.of(GUARD));
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
    }

    @BeforeEach
    void clear() {
        origin.requests.clear();
        GUARD.waiting.clear();
    }

    @Test
    void aPassingGuardLetsTheRequestThroughWithWhatItAdded() throws Exception {
        assertEquals(List.of("guard /guarded", "guard /guarded-log", "guard /claims/{id}"), GUARD.events,
                "one guard per endpoint that configures it");
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.send("POST", "/guarded", "hello");
            RawHttpClient.Response r = c.read();
            assertEquals(200, r.status());
            assertEquals("ok yes hello", r.text());
        }
    }

    @Test
    void aGuardsValuesFillTheUrlPatternAfterThePathParametersEncoded() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, c.get("GET", "/claims/7", "X-Claim: a b/c").status());
            assertEquals("/c/7/a%20b%2Fc?t=a%20b%2Fc", origin.take().uri());
            c.send("GET", "/claims/8", null, "X-Guard: wait", "X-Claim: late");
            GUARD.waiting.poll(5, TimeUnit.SECONDS).pass();
            assertEquals(200, c.read().status());
            assertEquals("/c/8/late?t=late", origin.take().uri(), "filled before it waited, kept through the wait");
            assertEquals(401, c.get("/claims/9").status(), "the guard refuses what it cannot fill");
        }
        assertNull(origin.requests.poll(100, TimeUnit.MILLISECONDS));
    }

    @Test
    void aRejectionIsAnsweredByTheGatewayAndTheConnectionStaysUsable() throws Exception {
        try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.send("POST", "/guarded-log", "body that is dropped", "X-Guard: reject-429");
            RawHttpClient.Response r = c.read();
            assertEquals(429, r.status());
            assertEquals(0, r.body().length, "an empty body, as KrakenD's middlewares abort");
            assertNull(r.header("X-Krakend-Completed"));
            assertEquals("7", r.header("Retry-After"), "the rejection's headers are on the answer");
            assertTrue(log.await("[ENDPOINT: /guarded-log] test rejects with 429")
                    .contains("[ENDPOINT: /guarded-log] test rejects with 429"));
            RawHttpClient.Response next = c.get("/open");
            assertEquals(200, next.status(), "keep-alive after a rejection");
        }
        assertEquals("/o", origin.take().uri());
        assertNull(origin.requests.poll(100, TimeUnit.MILLISECONDS), "the rejected request never reached it");
    }

    @Test
    void aWaitingGuardHoldsTheRequestAndItsBodyUntilItPasses() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.send("POST", "/guarded", "held body", "X-Guard: wait");
            TestGuardExtension.Waiting w = GUARD.waiting.poll(5, TimeUnit.SECONDS);
            assertTrue(w != null, "the guard was asked to wait");
            assertNull(origin.requests.poll(100, TimeUnit.MILLISECONDS), "nothing reaches the backend meanwhile");
            w.pass();
            RawHttpClient.Response r = c.read();
            assertEquals(200, r.status());
            assertEquals("ok late held body", r.text());
            assertEquals(200, c.get("/open").status(), "the connection goes on");
        }
    }

    @Test
    void aWaitingGuardMayStillReject() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.send("POST", "/guarded", "x", "X-Guard: wait");
            GUARD.waiting.poll(5, TimeUnit.SECONDS).reject(401);
            assertEquals(401, c.read().status());
            assertEquals(200, c.get("/open").status());
        }
        assertEquals("/o", origin.take().uri());
    }

    @Test
    void aGuardThatNeverAnswersIsBoundedByTheEndpointTimeout() throws Exception {
        try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.send("POST", "/guarded", "x", "X-Guard: wait");
            RawHttpClient.Response r = c.read();
            assertEquals(504, r.status());
            assertTrue(log.await("a guard did not answer within the endpoint timeout (400ms)")
                    .contains("[ENDPOINT: /guarded] a guard did not answer within the endpoint timeout (400ms)"));
            GUARD.waiting.poll(5, TimeUnit.SECONDS).pass(); // too late: ignored
            assertEquals(200, c.get("/open").status());
        }
        assertEquals("/o", origin.take().uri());
    }

    @Test
    void aClientThatLeavesWhileTheGuardWaitsIsForgotten() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.send("POST", "/guarded", "x", "X-Guard: wait");
            TestGuardExtension.Waiting w = GUARD.waiting.poll(5, TimeUnit.SECONDS);
            c.close();
            Thread.sleep(50);
            w.pass();
        }
        assertNull(origin.requests.poll(200, TimeUnit.MILLISECONDS), "a request whose client left is not sent");
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, c.get("/open").status());
        }
    }
}
