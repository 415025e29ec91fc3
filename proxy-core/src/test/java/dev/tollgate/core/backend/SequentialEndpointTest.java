package dev.tollgate.core.backend;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.BackendShape;
import dev.tollgate.core.config.ProxyOptions;
import dev.tollgate.core.data.RawNumber;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** lura's proxy namespace: sequential backends with {respN_x} placeholders, and static data. */
class SequentialEndpointTest {
    private static TestOrigin origin;
    private static TestOrigin silent;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.aggregating(r -> {
            if (r.uri().equals("/user/7")) {
                return json("{\"id\":7,\"team\":{\"id\":\"t1\"},\"tags\":[\"a\",1.0],\"team_name\":\"?\"}");
            }
            if (r.uri().startsWith("/team/")) {
                return json("{\"team_name\":\"" + r.uri().substring(6) + "\"}");
            }
            return TestOrigin.text(HttpResponseStatus.NOT_FOUND, "404 page not found");
        });
        silent = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        });
        ProxyOptions sequential = new ProxyOptions(true, null);
        String o = origin.url();
        Map<String, Object> fixed = Map.of("foo", new RawNumber("42"), "bar", "foobar");
        gateway = Gateway.start(TestConfigs.gateway()
                .endpoint(endpoint("/chain/{id}", o, "/user/{id}").output("json").proxy(sequential)
                        .backend(o, "/team/{resp0_team.id}/{resp0_tags}/{id}"))
                .endpoint(endpoint("/first-fails/{id}", o, "/missing/{id}").output("json").proxy(sequential)
                        .backend(o, "/team/{resp0_id}"))
                .endpoint(endpoint("/second-fails/{id}", o, "/user/{id}").output("json").proxy(sequential)
                        .shape(new BackendShape(null, null, List.of("id"), List.of(), List.of(), false))
                        .backend(o, "/missing/{resp0_id}"))
                .endpoint(endpoint("/unresolved/{id}", o, "/user/{id}").output("json").proxy(sequential)
                        .backend(o, "/team/{resp0_nothing}"))
                .endpoint(endpoint("/slow-chain/{id}", o, "/user/{id}").output("json").proxy(sequential)
                        .timeout(Duration.ofMillis(400)).backend(silent.url(), "/{resp0_id}"))
                .endpoint(endpoint("/static", o, "/user/7").output("json")
                        .shape(new BackendShape(null, null, List.of("id"), List.of(), List.of(), false))
                        .proxy(new ProxyOptions(false, new ProxyOptions.StaticResponse("always", fixed))))
                .endpoint(endpoint("/static-errored", o, "/missing").output("json")
                        .proxy(new ProxyOptions(false, new ProxyOptions.StaticResponse("errored", fixed))))
                .endpoint(endpoint("/static-success", o, "/missing").output("json")
                        .proxy(new ProxyOptions(false, new ProxyOptions.StaticResponse("success", fixed))))
                .build(), List.of());
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
        silent.close();
    }

    @BeforeEach
    void drain() {
        origin.requests.clear();
    }

    private static FullHttpResponse json(String body) {
        FullHttpResponse r = TestOrigin.text(HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        return r;
    }

    private static RawHttpClient.Response get(String path) throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            return c.get(path);
        }
    }

    @Test
    void laterBackendsUseEarlierAnswersInTheirUrls() throws Exception {
        RawHttpClient.Response r = get("/chain/7");
        assertEquals(200, r.status());
        assertEquals("{\"id\":7,\"tags\":[\"a\",1.0],\"team\":{\"id\":\"t1\"},\"team_name\":\"t1/a,1.0/7\"}",
                r.text());
        assertEquals("true", r.header("X-Krakend-Completed"));
        assertEquals("/user/7", origin.take().uri());
        assertEquals("/team/t1/a,1.0/7", origin.take().uri(), "nested field, array joined with commas, path param");
    }

    @Test
    void aFailedFirstBackendEndsTheChainWith500() throws Exception {
        RawHttpClient.Response r = get("/first-fails/7");
        assertEquals(500, r.status());
        assertEquals("/missing/7", origin.take().uri());
        assertNull(origin.requests.poll(200, TimeUnit.MILLISECONDS), "the second backend is never called");
    }

    @Test
    void aFailedLaterBackendLeavesWhatMerged() throws Exception {
        RawHttpClient.Response r = get("/second-fails/7");
        assertEquals(200, r.status());
        assertEquals("{\"id\":7}", r.text());
        assertEquals("false", r.header("X-Krakend-Completed"));
        origin.take();
        assertEquals("/missing/7", origin.take().uri(), "the shaped answer is what later URLs read");
    }

    @Test
    void aMissingFieldStaysAsLurasTemplate() throws Exception {
        get("/unresolved/7");
        origin.take();
        assertEquals("/team/{{.Resp0_nothing}}", origin.take().uri());
    }

    @Test
    void theWholeChainIsBoundedBy85PercentOfTheTimeout() throws Exception {
        long t0 = System.nanoTime();
        RawHttpClient.Response r = get("/slow-chain/7");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.status());
        assertEquals("false", r.header("X-Krakend-Completed"));
        assertTrue(ms >= 300 && ms < 400, ms + " ms");
    }

    @Test
    void staticDataIsMergedOverTheAnswer() throws Exception {
        RawHttpClient.Response r = get("/static");
        assertEquals("{\"bar\":\"foobar\",\"foo\":42,\"id\":7}", r.text());
        assertEquals("true", r.header("X-Krakend-Completed"));
    }

    @Test
    void staticDataByStrategy() throws Exception {
        RawHttpClient.Response errored = get("/static-errored");
        assertEquals(200, errored.status(), "KrakenD answers the static data instead of the 500");
        assertEquals("{\"bar\":\"foobar\",\"foo\":42}", errored.text());
        assertEquals("false", errored.header("X-Krakend-Completed"));
        assertEquals(500, get("/static-success").status());
    }
}
