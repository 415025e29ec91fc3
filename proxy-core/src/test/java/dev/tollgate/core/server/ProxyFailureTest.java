package dev.tollgate.core.server;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.gateway.GatewayStartException;

import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.testing.LogCapture;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestExtension;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Malformed input, backend failures, timeouts, disconnects, gates and graceful shutdown. */
class ProxyFailureTest {

    @Test
    void malformedAndOversizedRequestsAreRejectedAndClosed() throws Exception {
        try (TestOrigin origin = TestOrigin.ok()) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/x", origin.url(), "/x")).build(),
                    List.of());
            try {
                try (RawHttpClient c = new RawHttpClient(g.port())) {
                    c.sendRaw("GET /x HTTP/9.Z\r\nHost: a\r\n\r\n");
                    RawHttpClient.Response r = c.read();
                    assertEquals(400, r.status());
                    assertEquals(0, r.body().length);
                    assertTrue(c.awaitClosed());
                }
                try (RawHttpClient c = new RawHttpClient(g.port())) {
                    c.sendRaw("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
                    assertEquals(414, c.read().status());
                    assertTrue(c.awaitClosed());
                }
                try (RawHttpClient c = new RawHttpClient(g.port())) {
                    c.sendRaw("GET /x HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(17 * 1024) + "\r\n\r\n");
                    assertEquals(431, c.read().status());
                    assertTrue(c.awaitClosed());
                }
                assertEquals(0, origin.requests.size());
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    /** A bad chunk after the exchange began: 400 and close, and the backend's truncated request is dropped. */
    @Test
    void aMalformedChunkedBodyIsAnswered400ThenClosed() throws Exception {
        CountDownLatch backendClosed = new CountDownLatch(1);
        try (TestOrigin origin = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                io.netty.util.ReferenceCountUtil.release(msg); // never answers: waits for the whole body
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                backendClosed.countDown();
            }
        })) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/up", origin.url(), "/up")
                    .method("POST")).build(), List.of());
            try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(g.port())) {
                c.sendRaw("POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
                Thread.sleep(100); // the exchange has started and forwarded the first chunk
                c.sendRaw("zz\r\nnot a chunk\r\n");
                RawHttpClient.Response r = c.read();
                assertEquals(400, r.status());
                assertEquals("close", r.header("Connection"));
                assertTrue(c.awaitClosed(), "nothing after a broken body can be trusted");
                assertTrue(backendClosed.await(5, TimeUnit.SECONDS), "the truncated backend request is dropped");
                assertTrue(log.await("malformed request body").contains("[ENDPOINT: /up] malformed request body"));
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void refusedBackendIs502WithALogLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Gateway g = Gateway.start(TestConfigs.gateway()
                .endpoint(endpoint("/down", "http://127.0.0.1:" + closedPort, "/x")).build(), List.of());
        try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(g.port())) {
            RawHttpClient.Response r = c.get("/down");
            assertEquals(502, r.status());
            assertEquals(0, r.body().length);
            assertEquals("false", r.header("X-Krakend-Completed"), "answered by the gateway, as KrakenD flags it");
            assertTrue(log.await("[ENDPOINT: /down]").contains("connection refused"), log.text());
            assertEquals(502, c.get("/down").status(), "the client connection stays usable");
        } finally {
            g.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void returnErrorMsgPutsTheReasonInTheBodyAsKrakendDoes() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Gateway g = Gateway.start(TestConfigs.gateway().returnErrorMessage()
                .endpoint(endpoint("/down", "http://127.0.0.1:" + closedPort, "/x")).build(), List.of());
        try (RawHttpClient c = new RawHttpClient(g.port())) {
            RawHttpClient.Response r = c.get("/down");
            assertEquals(502, r.status());
            assertEquals("cannot connect to http://127.0.0.1:" + closedPort + ": connection refused", r.text());
            assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        } finally {
            g.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void slowOriginIs504AfterTheEndpointTimeout() throws Exception {
        CountDownLatch originClosed = new CountDownLatch(1);
        try (TestOrigin origin = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg); // never answers
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                originClosed.countDown();
            }
        })) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/slow", origin.url(), "/s")
                    .timeout(Duration.ofMillis(300))).build(), List.of());
            try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(g.port())) {
                RawHttpClient.Response r = c.get("/slow");
                assertEquals(504, r.status());
                assertEquals("false", r.header("X-Krakend-Completed"));
                assertTrue(log.await("[ENDPOINT: /slow]").contains("timeout after 300ms"), log.text());
                assertTrue(originClosed.await(10, TimeUnit.SECONDS), "the unfinished backend connection is closed");
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void backendResetMidResponseClosesTheClientConnection() throws Exception {
        try (TestOrigin origin = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean head = msg instanceof HttpRequest;
                ReferenceCountUtil.release(msg);
                if (head) {
                    DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    response.headers().set("Content-Length", "1000");
                    ctx.write(response);
                    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("partial", StandardCharsets.UTF_8)))
                            .addListener(f -> {
                                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                                ctx.close(); // RST
                            });
                }
            }
        })) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/reset", origin.url(), "/r")).build(),
                    List.of());
            try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(g.port())) {
                c.send("GET", "/reset", null);
                assertEquals("HTTP/1.1 200 OK", c.line());
                assertTrue(c.awaitClosed(), "the client cannot get a complete response, so it must see a close");
                assertTrue(log.await("[ENDPOINT: /reset]").contains("closing the client connection"), log.text());
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void clientDisconnectMidRequestClosesTheBackendConnection() throws Exception {
        CountDownLatch bodyStarted = new CountDownLatch(1);
        CountDownLatch originClosed = new CountDownLatch(1);
        try (TestOrigin origin = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof HttpRequest)) {
                    bodyStarted.countDown();
                }
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                originClosed.countDown();
            }
        })) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/upload", origin.url(), "/u")
                    .method("POST")).build(), List.of());
            try (LogCapture log = new LogCapture()) {
                RawHttpClient c = new RawHttpClient(g.port());
                c.sendRaw("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(1000));
                assertTrue(bodyStarted.await(10, TimeUnit.SECONDS), "the body streams before it is complete");
                c.close();
                assertTrue(originClosed.await(10, TimeUnit.SECONDS), "the half-sent backend connection is closed");
                assertTrue(log.await("[ENDPOINT: /upload]").contains("client closed"), log.text());
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void staleReusedConnectionIsRetriedOnceForIdempotentRequests() throws Exception {
        // Each origin connection answers one request with keep-alive, then drops the next one unanswered: the
        // race of a backend closing an idle keep-alive connection just as the proxy reuses it.
        try (TestOrigin origin = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            private int requests;

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean head = msg instanceof HttpRequest;
                ReferenceCountUtil.release(msg);
                if (!head) {
                    return;
                }
                if (++requests > 1) {
                    ctx.close();
                    return;
                }
                DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                response.headers().set("Content-Length", "2");
                ctx.write(response);
                ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultLastHttpContent(
                        Unpooled.copiedBuffer("ok", StandardCharsets.UTF_8)));
            }
        })) {
            Gateway g = Gateway.start(TestConfigs.gateway()
                    .endpoint(endpoint("/get", origin.url(), "/g"))
                    .endpoint(endpoint("/post", origin.url(), "/p").method("POST")).build(), List.of());
            try (RawHttpClient c = new RawHttpClient(g.port())) {
                for (int i = 0; i < 3; i++) {
                    assertEquals("ok", c.get("/get").text(), "request " + i);
                }
                assertEquals(3, origin.connections.get());
                assertEquals("ok", c.get("POST", "/post").text());
                assertEquals(502, c.get("POST", "/post").status(), "a POST is never replayed");
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void gateRejectionAnswersItsStatusWithEmptyBodyAndLogs() throws Exception {
        BackendGate reject = (loop, listener) -> listener.onRejected(new GateRejection(503, "no token available"));
        TestExtension ext = new TestExtension(reject);
        try (TestOrigin origin = TestOrigin.ok()) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/gated", origin.url(), "/g")
                    .extension(TestExtension.NAMESPACE, "cfg")).build(), List.of(ext));
            try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(g.port())) {
                RawHttpClient.Response r = c.get("/gated");
                assertEquals(503, r.status());
                assertEquals(0, r.body().length);
                assertTrue(log.await("no token available").contains("[ENDPOINT: /gated] no token available"));
                assertEquals(0, origin.requests.size());
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
            assertEquals(List.of("decorate /gated cfg", "start " + (g.transport().equals("epoll")
                    ? "EpollSocketChannel" : "NioSocketChannel"), "close"), ext.events);
        }
    }

    @Test
    void gateRejectionHeadersReachTheClient() throws Exception {
        BackendGate reject = (loop, listener) -> listener.onRejected(new GateRejection(503, "no token available",
                Map.of("Retry-After", "4")));
        try (TestOrigin origin = TestOrigin.ok()) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/gated", origin.url(), "/g")
                    .extension(TestExtension.NAMESPACE, "cfg")).build(), List.of(new TestExtension(reject)));
            try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(g.port())) {
                RawHttpClient.Response r = c.get("/gated");
                assertEquals(503, r.status());
                assertEquals("4", r.header("Retry-After"));
                assertEquals("false", r.header("X-Krakend-Completed"));
                assertEquals(0, r.body().length);
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void waitingGateHoldsTheRequestUntilReady() throws Exception {
        AtomicReference<Runnable> open = new AtomicReference<>();
        CountDownLatch asked = new CountDownLatch(1);
        BackendGate waiting = (EventLoop loop, BackendGate.Listener listener) -> {
            open.set(() -> loop.execute(listener::onReady));
            asked.countDown();
        };
        try (TestOrigin origin = TestOrigin.ok()) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/wait", origin.url(), "/w")
                    .method("POST").extension(TestExtension.NAMESPACE, "cfg")).build(),
                    List.of(new TestExtension(waiting)));
            try (RawHttpClient c = new RawHttpClient(g.port())) {
                c.send("POST", "/wait", "held body", "Content-Type: text/plain");
                assertTrue(asked.await(10, TimeUnit.SECONDS));
                assertEquals(0, origin.requests.size());
                open.get().run();
                assertEquals(200, c.read().status());
                TestOrigin.Recorded r = origin.take();
                assertEquals("held body", r.body());
                assertEquals("cfg", r.headers().get("X-Stamped"), "the decorator's handler is in the pipeline");
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void gateThatNeverAnswersIsBoundedByTheTimeout() throws Exception {
        BackendGate never = (loop, listener) -> { };
        try (TestOrigin origin = TestOrigin.ok()) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/never", origin.url(), "/n")
                    .timeout(Duration.ofMillis(200)).extension(TestExtension.NAMESPACE, "cfg")).build(),
                    List.of(new TestExtension(never)));
            try (LogCapture log = new LogCapture(); RawHttpClient c = new RawHttpClient(g.port())) {
                assertEquals(504, c.get("/never").status());
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void bodyQueuedBehindAGateIsReleasedOnTimeoutAndOnClientClose() throws Exception {
        // Run with -Dio.netty.leakDetection.level=paranoid: the queued body chunks must be released on both paths.
        CountDownLatch asked = new CountDownLatch(2);
        BackendGate never = (loop, listener) -> asked.countDown();
        try (TestOrigin origin = TestOrigin.ok()) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/held", origin.url(), "/h")
                    .method("POST").timeout(Duration.ofMillis(300)).extension(TestExtension.NAMESPACE, "cfg"))
                    .build(), List.of(new TestExtension(never)));
            try (LogCapture log = new LogCapture()) {
                try (RawHttpClient c = new RawHttpClient(g.port())) {
                    c.send("POST", "/held", "x".repeat(10_000), "Content-Type: text/plain");
                    assertEquals(504, c.read().status());
                    assertEquals(200, c.get("/__health").status(), "the connection stays usable");
                }
                try (RawHttpClient c = new RawHttpClient(g.port())) {
                    c.send("POST", "/held", "y".repeat(10_000), "Content-Type: text/plain");
                    assertTrue(asked.await(10, TimeUnit.SECONDS));
                }
                log.await("the client closed the connection");
                assertEquals(0, origin.requests.size());
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void shutdownLetsInFlightExchangesFinish() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        try (TestOrigin origin = TestOrigin.aggregating(r -> {
            received.countDown();
            try {
                Thread.sleep(500); // the origin is slow; the gateway is already shutting down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestOrigin.text(HttpResponseStatus.OK, "finished");
        })) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/slow", origin.url(), "/s")).build(),
                    List.of());
            try (RawHttpClient busy = new RawHttpClient(g.port()); RawHttpClient idle = new RawHttpClient(g.port())) {
                assertEquals(404, idle.get("/warm-up").status());
                busy.send("GET", "/slow", null);
                assertTrue(received.await(10, TimeUnit.SECONDS));
                CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> g.shutdown(Duration.ofSeconds(10)));
                assertTrue(idle.awaitClosed(), "idle keep-alive connections close at once");
                RawHttpClient.Response r = busy.read();
                assertEquals(200, r.status());
                assertEquals("finished", r.text());
                assertEquals("close", r.header("Connection"));
                stopping.get(15, TimeUnit.SECONDS);
                assertTrue(busy.awaitClosed());
            }
        }
    }

    @Test
    void idleConnectionsCloseOnBothSidesAfterTheIdleTimeout() throws Exception {
        try (TestOrigin origin = TestOrigin.aggregating(r -> TestOrigin.text(HttpResponseStatus.OK, "ok"))) {
            var options = new dev.tollgate.core.config.ServerOptions(8192, 16384, 1, Duration.ofSeconds(1),
                    Duration.ofMillis(300), Duration.ofSeconds(10));
            Gateway g = Gateway.start(TestConfigs.gateway().server(options)
                    .endpoint(endpoint("/i", origin.url(), "/i")).build(), List.of());
            try (RawHttpClient c = new RawHttpClient(g.port())) {
                assertEquals(200, c.get("/i").status());
                assertTrue(c.awaitClosed(), "idle client connection closed");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (g.openConnections() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(0, g.openConnections());
                while (origin.closedConnections.get() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(1, origin.closedConnections.get(), "idle pooled backend connection closed");
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void throwingGateAnswers500() throws Exception {
        BackendGate broken = (loop, listener) -> {
            throw new IllegalStateException("boom");
        };
        try (TestOrigin origin = TestOrigin.ok(); LogCapture log = new LogCapture()) {
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/broken", origin.url(), "/b")
                    .extension(TestExtension.NAMESPACE, "cfg")).build(), List.of(new TestExtension(broken)));
            try (RawHttpClient c = new RawHttpClient(g.port())) {
                assertEquals(500, c.get("/broken").status());
                assertTrue(log.await("[ENDPOINT: /broken]").contains("gate failed"));
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void unusableRouteFailsStartWithTheEndpoint() {
        GatewayStartException e = org.junit.jupiter.api.Assertions.assertThrows(GatewayStartException.class,
                () -> Gateway.start(TestConfigs.gateway().endpoint(endpoint("/a/{id}", "http://127.0.0.1:1", "/{nope}"))
                        .build(), List.of()));
        assertTrue(e.getMessage().startsWith("endpoints[0] /a/{id}: url_pattern"), e.getMessage());
    }

    @Test
    void bindFailureHasAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            var config = TestConfigs.gateway().build();
            var busy = new dev.tollgate.core.config.GatewayConfig("t", taken.getLocalPort(), "127.0.0.1",
                    config.timeout(), List.of(), false, false, config.router(), config.server());
            GatewayStartException e = org.junit.jupiter.api.Assertions.assertThrows(GatewayStartException.class,
                    () -> Gateway.start(busy, List.of()));
            assertEquals("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use",
                    e.getMessage());
            assertFalse(e.getMessage().contains("Exception"));
        }
    }
}
