package dev.tollgate.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.gateway.Gateway;

import dev.tollgate.core.builtin.HealthEndpoint;
import dev.tollgate.core.config.RouterOptions;
import dev.tollgate.core.config.ServerOptions;
import dev.tollgate.core.routing.Router;
import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code read_header_timeout} on a real socket: a slowloris client trickling its header section gets 408. */
class ReadHeaderTimeoutTest {
    private static final ServerOptions OPTIONS = new ServerOptions(8192, 16384, 1, Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofMillis(300));

    private Gateway gateway;

    @BeforeEach
    void start() throws InterruptedException {
        gateway = Gateway.start(TestConfigs.gateway().server(OPTIONS).build(), List.of());
    }

    @AfterEach
    void stop() {
        gateway.shutdown(Duration.ZERO);
    }

    /**
     * Sends a request head one byte every 20 ms with a header that never ends, from another thread, until the
     * server closes (or 15 s pass: without the timeout the idle timer would let this go on for ever).
     */
    private static Thread trickle(OutputStream out, AtomicInteger sent) {
        Thread t = new Thread(() -> {
            byte[] head = "GET /__health HTTP/1.1\r\nHost: a\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            try {
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    out.write(i < head.length ? head[i] : 'z');
                    out.flush();
                    sent.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection: what we wait for
            }
        }, "slowloris");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aTrickledHeaderSectionGets408AndTheConnectionCloses() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            AtomicInteger sent = new AtomicInteger();
            Thread slowloris = trickle(c.out(), sent);
            RawHttpClient.Response r = c.read();
            assertEquals(408, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.awaitClosed());
            slowloris.join(20_000);
            assertTrue(sent.get() < 16384, "the header section was still being trickled: " + sent.get());
        }
    }

    @Test
    void idleTimeBetweenRequestsDoesNotCountOnlyTheNextRequestsOwnBytes() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(200, c.get("/__health").status());
            Thread.sleep(600); // a keep-alive connection idles longer than read_header_timeout: that is fine
            assertEquals(200, c.get("/__health").status());
            Thread.sleep(600);
            Thread slowloris = trickle(c.out(), new AtomicInteger());
            assertEquals(408, c.read().status());
            assertTrue(c.awaitClosed());
            slowloris.join(20_000);
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedWith408() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            assertEquals(408, c.read().status());
            assertTrue(c.awaitClosed());
        }
    }

    @Test
    void zeroDisablesIt() {
        Router<RequestHandler> router = Router.<RequestHandler>builder().build();
        ReservedRoutes reserved = new ReservedRoutes("/__health", new HealthEndpoint(Clock.systemUTC()), null, null);
        EmbeddedChannel off = new EmbeddedChannel(new ClientChannelInitializer(
                OPTIONS.withReadHeaderTimeout(Duration.ZERO), RouterOptions.DEFAULTS, router, reserved,
                new ConnectionTracker()));
        assertNull(off.pipeline().get("header-timer"));
        EmbeddedChannel on = new EmbeddedChannel(new ClientChannelInitializer(OPTIONS, RouterOptions.DEFAULTS,
                router, reserved, new ConnectionTracker()));
        assertNotNull(on.pipeline().get("header-timer"));
        assertFalse(off.finish());
        on.finishAndReleaseAll();
    }

    /**
     * The check scheduled for the first request outlives it: when it runs during the next request's head it goes
     * back to sleep until that head's own deadline, neither early nor late (frozen time, the event itself).
     */
    @Test
    void aCheckLeftFromTheLastRequestWaitsForTheCurrentHeadsDeadline() {
        ReadHeaderTimeout timeout = new ReadHeaderTimeout(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500));
        List<Object> events = new java.util.ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(timeout.bytes(), new io.netty.handler.codec.http.HttpServerCodec(), timeout.heads(),
                new io.netty.channel.ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                        io.netty.util.ReferenceCountUtil.release(msg);
                    }

                    @Override
                    public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) {
                        events.add(evt);
                    }
                });
        ch.pipeline().fireChannelActive(); // the accept: the first head's clock starts
        advance(ch, 100);
        ch.writeInbound(bytes("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"));
        advance(ch, 300); // t = 400: the next request's first bytes, its deadline is t = 900
        ch.writeInbound(bytes("GET /b HTTP/1.1\r\nHo"));
        advance(ch, 499); // t = 899, past the first check (t = 500)
        assertEquals(List.of(), events);
        advance(ch, 1);
        assertEquals(List.of(ReadHeaderTimeout.EXPIRED), events);
        ch.finishAndReleaseAll();
    }

    private static void advance(EmbeddedChannel ch, long millis) {
        ch.advanceTimeBy(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    private static io.netty.buffer.ByteBuf bytes(String s) {
        return io.netty.buffer.Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }
}
