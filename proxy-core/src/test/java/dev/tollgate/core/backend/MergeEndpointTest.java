package dev.tollgate.core.backend;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.BackendShape;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.modifier.MartianConfig;
import dev.tollgate.core.modifier.MartianExtension;
import dev.tollgate.core.testing.LogCapture;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several backends per endpoint: called at once, merged in arrival order, partial answers flagged. */
class MergeEndpointTest {
    private static TestOrigin fast;
    private static TestOrigin slow;
    private static TestOrigin silent;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        fast = TestOrigin.aggregating(r -> switch (r.uri()) {
            case "/a", "/b" -> json("{\"a\":1,\"shared\":\"fast\"}");
            case "/echo" -> json("{\"fast\":\"" + r.body() + "\",\"token\":\"" + r.headers().get("X-Token") + "\"}");
            default -> TestOrigin.text(HttpResponseStatus.NOT_FOUND, "404 page not found");
        });
        // Answers 300 ms late, on the origin's event loop: it arrives after the fast one.
        slow = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean last = msg instanceof io.netty.handler.codec.http.LastHttpContent;
                ReferenceCountUtil.release(msg);
                if (last) {
                    ctx.executor().schedule(() -> ctx.writeAndFlush(json("{\"b\":2,\"shared\":\"slow\"}")), 300,
                            TimeUnit.MILLISECONDS);
                }
            }
        });
        silent = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        });
        gateway = Gateway.start(TestConfigs.gateway()
                .endpoint(endpoint("/both", fast.url(), "/a").output("json").cacheTtl(Duration.ofSeconds(30))
                        .backend(slow.url(), "/b"))
                .endpoint(endpoint("/grouped", fast.url(), "/a").output("json")
                        .shape(new BackendShape("first", null, List.of(), List.of(), List.of(), false))
                        .backend(fast.url(), "/a")
                        .shape(new BackendShape("second", null, List.of("a"), List.of(), List.of(), false)))
                .endpoint(endpoint("/partial", fast.url(), "/a").output("json").cacheTtl(Duration.ofSeconds(30))
                        .backend(fast.url(), "/missing"))
                .endpoint(endpoint("/none", fast.url(), "/missing").output("json").backend(fast.url(), "/gone"))
                .endpoint(endpoint("/late", fast.url(), "/a").output("json").timeout(Duration.ofMillis(400))
                        .backend(silent.url(), "/"))
                .endpoint(endpoint("/hedged", slow.url(), "/b").output("json").concurrentCalls(3).host(fast.url()))
                .endpoint(endpoint("/hedged-fail", fast.url(), "/missing").output("json").concurrentCalls(2))
                .endpoint(endpoint("/post", fast.url(), "/echo").method("POST").output("json")
                        .shape(new BackendShape("one", null, List.of(), List.of(), List.of(), false))
                        .extension(MartianExtension.NAMESPACE, token("one"))
                        .backend(fast.url(), "/echo")
                        .shape(new BackendShape("two", null, List.of(), List.of(), List.of(), false))
                        .extension(MartianExtension.NAMESPACE, token("two")))
                .build(), List.of(new MartianExtension()));
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        fast.close();
        slow.close();
        silent.close();
    }

    private static MartianConfig token(String value) {
        return new MartianConfig(List.of(new MartianConfig.HeaderSet("X-Token", value)), List.of());
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
    void mergesConcurrentlyAndTheLastToArriveWinsACollision() throws Exception {
        long t0 = System.nanoTime();
        RawHttpClient.Response r = get("/both");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.status());
        assertEquals("{\"a\":1,\"b\":2,\"shared\":\"slow\"}", r.text());
        assertEquals("true", r.header("X-Krakend-Completed"));
        assertEquals("public, max-age=30", r.header("Cache-Control"));
        assertTrue(ms < 1000, "one slow backend, not the sum: " + ms + " ms");
    }

    @Test
    void eachBackendIsShapedBeforeTheMerge() throws Exception {
        assertEquals("{\"first\":{\"a\":1,\"shared\":\"fast\"},\"second\":{\"a\":1}}", get("/grouped").text());
    }

    @Test
    void aFailedBackendIsLeftOutAndFlagged() throws Exception {
        RawHttpClient.Response r = get("/partial");
        assertEquals(200, r.status());
        assertEquals("{\"a\":1,\"shared\":\"fast\"}", r.text());
        assertEquals("false", r.header("X-Krakend-Completed"));
        assertNull(r.header("Cache-Control"), "only a complete answer may be cached");
    }

    @Test
    void nothingMergedIs500() throws Exception {
        RawHttpClient.Response r = get("/none");
        assertEquals(500, r.status());
        assertEquals("false", r.header("X-Krakend-Completed"));
        assertEquals("", r.text());
    }

    @Test
    void aHangingBackendIsCutAt85PercentOfTheTimeout() throws Exception {
        long t0 = System.nanoTime();
        RawHttpClient.Response r;
        try (LogCapture log = new LogCapture()) {
            r = get("/late");
            String line = log.await("backend timeout after 340ms");
            assertTrue(line.contains("[ENDPOINT: /late] [GET /]: "), "the line names the backend: " + line);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.status());
        assertEquals("{\"a\":1,\"shared\":\"fast\"}", r.text());
        assertEquals("false", r.header("X-Krakend-Completed"));
        assertTrue(ms >= 300 && ms < 400, "lura's merge waits 85% of 400ms: " + ms + " ms");
    }

    @Test
    void concurrentCallsTakeTheFirstCompleteAnswer() throws Exception {
        fast.requests.clear();
        long t0 = System.nanoTime();
        RawHttpClient.Response r = get("/hedged");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.status());
        assertEquals("{\"a\":1,\"shared\":\"fast\"}", r.text(), "round-robin sent one of three calls to fast");
        assertEquals("true", r.header("X-Krakend-Completed"));
        assertTrue(ms < 300, "the slow calls are not waited for: " + ms + " ms");
        assertEquals(500, get("/hedged-fail").status(), "every call failed");
    }

    @Test
    void everyBackendGetsTheBodyAndOnlyItsOwnDecorators() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.send("POST", "/post", "hello", "Content-Type: text/plain");
            RawHttpClient.Response r = c.read();
            assertEquals(200, r.status());
            assertEquals("{\"one\":{\"fast\":\"hello\",\"token\":\"one\"},"
                    + "\"two\":{\"fast\":\"hello\",\"token\":\"two\"}}",
                    r.text());
        }
        List<String> seen = new ArrayList<>();
        fast.requests.forEach(rec -> seen.add(rec.uri()));
        assertTrue(seen.contains("/echo"));
    }
}
