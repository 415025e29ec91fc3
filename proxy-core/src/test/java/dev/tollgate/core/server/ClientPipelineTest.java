package dev.tollgate.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.exchange.Responses;

import dev.tollgate.core.builtin.HealthEndpoint;
import dev.tollgate.core.config.RouterOptions;
import dev.tollgate.core.config.ServerOptions;
import dev.tollgate.core.routing.PathTemplate;
import dev.tollgate.core.routing.Router;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client pipeline on an {@link EmbeddedChannel}: bytes in, bytes out, no sockets. */
class ClientPipelineTest {
    private final List<String> seen = new ArrayList<>();
    private final List<String> hosts = new ArrayList<>();

    private EmbeddedChannel channel() {
        RequestHandler recording = (connection, request, params) -> new ClientExchange() {
            @Override
            public void start() {
                seen.add(request.method() + " " + request.uri() + " " + String.join(",", params));
                hosts.add(request.headers().get("Host"));
            }

            @Override
            public void onContent(HttpContent content) {
                content.release();
                if (content instanceof io.netty.handler.codec.http.LastHttpContent) {
                    connection.ctx().writeAndFlush(Responses.text(
                            io.netty.handler.codec.http.HttpResponseStatus.OK, "done"));
                    connection.exchangeDone(this, false);
                }
            }

            @Override
            public boolean wantsContent() {
                return true;
            }

            @Override
            public void onClientClosed() {
            }
        };
        Router<RequestHandler> router = Router.<RequestHandler>builder()
                .add("GET", PathTemplate.parse("/items/{id}"), recording)
                .build();
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
        ServerOptions options = new ServerOptions(64, 256, 1, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        return new EmbeddedChannel(new ClientChannelInitializer(options, RouterOptions.DEFAULTS, router,
                new ReservedRoutes("/__health", new HealthEndpoint(clock), null, null), new ConnectionTracker()));
    }

    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out.toString();
    }

    @Test
    void routesAndAnswersPipelinedRequestsInOrder() {
        EmbeddedChannel ch = channel();
        String out = exchange(ch, "GET /items/7 HTTP/1.1\r\nHost: a\r\n\r\nGET /__health HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /missing HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(List.of("GET /items/7 7"), seen);
        int done = out.indexOf("done");
        int health = out.indexOf("{\"agents\":{},\"now\":\"2026-11-27T10:00:00Z\",\"status\":\"ok\"}");
        int missing = out.indexOf("404 page not found");
        assertTrue(done > 0 && health > done && missing > health, out);
        assertTrue(ch.isActive());
        ch.finishAndReleaseAll();
    }

    @Test
    void methodNotAllowedCarriesAllow() {
        EmbeddedChannel ch = channel();
        String out = exchange(ch, "DELETE /items/1 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 405"), out);
        assertTrue(out.contains("allow: GET"), out);
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizedLineAndHeadersAndGarbageAreRejectedAndClosed() {
        EmbeddedChannel line = channel();
        assertTrue(exchange(line, "GET /" + "x".repeat(100) + " HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 414"));
        assertFalse(line.isActive());

        EmbeddedChannel headers = channel();
        assertTrue(exchange(headers, "GET /items/1 HTTP/1.1\r\nX: " + "y".repeat(300) + "\r\n\r\n")
                .startsWith("HTTP/1.1 431"));
        assertFalse(headers.isActive());

        EmbeddedChannel garbage = channel();
        String out = exchange(garbage, "GET /items/1 HTTP/1.1\r\nContent-Length: nope\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 400"), out);
        assertFalse(out.contains("Exception"), "no stack trace or exception name to clients");
        assertFalse(garbage.isActive());
        assertTrue(seen.isEmpty());
    }

    @Test
    void absoluteFormIsRoutedByItsPath() {
        EmbeddedChannel ch = channel();
        String out = exchange(ch, "GET HTTP://other.example:81/items/7?x=1 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET https://b.example?q HTTP/1.1\r\nHost: b.example\r\n\r\n");
        assertTrue(out.startsWith("HTTP/1.1 200"), out);
        assertTrue(out.contains("HTTP/1.1 404"), out);
        assertEquals(List.of("GET /items/7?x=1 7"), seen);
        assertEquals(List.of("other.example:81"), hosts, "the authority replaces Host");
        assertTrue(ch.isActive());
    }

    @Test
    void requestsGoWouldRefuseAreRefusedAndClosed() {
        String[][] cases = {
            {"GET /items/1 HTTP/2.0\r\nHost: a\r\n\r\n", "HTTP/1.1 505"},
            {"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "HTTP/1.1 505"},
            {"GET /items/1 HTTP/1.1\r\n\r\n", "HTTP/1.1 400"},
            {"GET /items/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "HTTP/1.1 400"},
            {"POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                "HTTP/1.1 501"},
        };
        for (String[] c : cases) {
            EmbeddedChannel ch = channel();
            String out = exchange(ch, c[0]);
            assertTrue(out.startsWith(c[1]), c[0] + " -> " + out);
            assertFalse(ch.isActive(), c[0]);
        }
        assertTrue(seen.isEmpty(), seen.toString());

        EmbeddedChannel http10 = channel();
        assertTrue(exchange(http10, "GET /__health HTTP/1.0\r\n\r\n").startsWith("HTTP/1.1 200"), "1.0 needs no Host");
        EmbeddedChannel chunked = channel();
        assertTrue(exchange(chunked, "GET /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "0\r\n\r\n").startsWith("HTTP/1.1 200"));
    }

    /**
     * An answer before the request's end (a 504 during a slow upload): the rest of the body is read and dropped, but
     * only for {@link FrontendHandler#DISCARD_TIMEOUT_MILLIS}; a body that is all in by then keeps the connection.
     */
    @Test
    void theRestOfAnAnsweredUploadMayTakeOnlySoLong() {
        RequestHandler early = (connection, request, params) -> new ClientExchange() {
            @Override
            public void start() {
                connection.ctx().writeAndFlush(Responses.empty(
                        io.netty.handler.codec.http.HttpResponseStatus.GATEWAY_TIMEOUT), connection.ctx().voidPromise());
                connection.exchangeDone(this, false);
            }

            @Override
            public void onContent(HttpContent content) {
                content.release();
            }

            @Override
            public boolean wantsContent() {
                return false;
            }

            @Override
            public void onClientClosed() {
            }
        };
        Router<RequestHandler> router = Router.<RequestHandler>builder()
                .add("POST", PathTemplate.parse("/up"), early)
                .build();
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
        ServerOptions options = new ServerOptions(64, 256, 1, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        java.util.function.Supplier<EmbeddedChannel> channel = () -> {
            EmbeddedChannel ch = new EmbeddedChannel(new ClientChannelInitializer(options, RouterOptions.DEFAULTS,
                    router, new ReservedRoutes("/__health", new HealthEndpoint(clock), null, null),
                    new ConnectionTracker()));
            ch.freezeTime();
            return ch;
        };

        EmbeddedChannel slow = channel.get();
        assertTrue(exchange(slow, "POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\nxxxx")
                .startsWith("HTTP/1.1 504"));
        slow.advanceTimeBy(FrontendHandler.DISCARD_TIMEOUT_MILLIS - 1, java.util.concurrent.TimeUnit.MILLISECONDS);
        slow.runScheduledPendingTasks();
        assertTrue(slow.isActive(), "still reading the rest");
        slow.advanceTimeBy(1, java.util.concurrent.TimeUnit.MILLISECONDS);
        slow.runScheduledPendingTasks();
        slow.runPendingTasks();
        assertFalse(slow.isActive(), "the rest of the upload did not come in time: closed");

        EmbeddedChannel quick = channel.get();
        exchange(quick, "POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 8\r\n\r\nxxxx");
        exchange(quick, "yyyy");
        quick.advanceTimeBy(FrontendHandler.DISCARD_TIMEOUT_MILLIS * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
        quick.runScheduledPendingTasks();
        assertTrue(quick.isActive(), "the body came in time: the connection goes on");
        assertTrue(exchange(quick, "GET /__health HTTP/1.1\r\nHost: a\r\n\r\n").startsWith("HTTP/1.1 200"));
        slow.finishAndReleaseAll();
        quick.finishAndReleaseAll();
    }

    /** Heads whose Host or target would reach the backend as something else than the client sent: 400, closed. */
    @Test
    void headsThatWouldChangeOnTheWayToTheBackendAreRefused() {
        String[] heads = {
            "GET /items/1 HTTP/1.1\r\nHost: a b\r\n\r\n",
            "GET /items/1 HTTP/1.1\r\nHost: a\r\n  evil.example\r\n\r\n",
            "GET /items/1 HTTP/1.1\r\nHost: user:pw@a\r\n\r\n",
            "GET http://user:pw@a/items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /items/1#frag HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /items/1\u0001 HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /items/1\u007f HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /items/\u00ff HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /items/1 HTTP/1.0\r\nHost: a b\r\n\r\n",
        };
        for (String head : heads) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1));
            StringBuilder out = new StringBuilder();
            ByteBuf b;
            while ((b = ch.readOutbound()) != null) {
                out.append(b.toString(StandardCharsets.US_ASCII));
                b.release();
            }
            assertTrue(out.toString().startsWith("HTTP/1.1 400"), head + " -> " + out);
            assertFalse(ch.isActive(), head);
        }
        assertTrue(seen.isEmpty(), seen.toString());

        String fine = exchange(channel(), "GET /items/%C3%BF?q=a%20b HTTP/1.1\r\nHost: [::1]:8080\r\n"
                + "X-Folded: one\r\n two\r\n\r\n");
        assertTrue(fine.startsWith("HTTP/1.1 200"), "percent-encoding, an IPv6 Host and a folded other header "
                + "(Go joins it with a space, as Netty does) are fine: " + fine);
    }

    /**
     * A keep-alive client that goes away just as its answer is written: the transport fails the write (the
     * exchange writes with a void promise, so Netty reports it as {@code exceptionCaught}, synchronously, inside
     * the HTTP encoder's write). The handler must not write again from there: a second write re-entered the
     * encoder and released the response's pooled buffer twice.
     */
    @Test
    void aWriteThatFailsBecauseTheClientLeftIsNotFollowedByAnotherWrite() {
        ByteBuf body = io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer().writeBytes("late".getBytes());
        RequestHandler answering = (connection, request, params) -> new ClientExchange() {
            @Override
            public void start() {
            }

            @Override
            public void onContent(HttpContent content) {
                content.release();
                if (content instanceof io.netty.handler.codec.http.LastHttpContent) {
                    connection.ctx().writeAndFlush(new io.netty.handler.codec.http.DefaultFullHttpResponse(
                            io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                            io.netty.handler.codec.http.HttpResponseStatus.OK, body),
                            connection.ctx().voidPromise());
                }
            }

            @Override
            public boolean wantsContent() {
                return true;
            }

            @Override
            public void onClientClosed() {
            }
        };
        List<Object> writesAfterReset = new ArrayList<>();
        io.netty.channel.ChannelOutboundHandlerAdapter resetTransport = new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void write(io.netty.channel.ChannelHandlerContext ctx, Object msg,
                              io.netty.channel.ChannelPromise promise) {
                writesAfterReset.add(msg);
                io.netty.util.ReferenceCountUtil.release(msg); // as a transport does with what it cannot send
                promise.setFailure(new java.io.IOException("Connection reset by peer"));
            }
        };
        Router<RequestHandler> router = Router.<RequestHandler>builder()
                .add("GET", PathTemplate.parse("/items/{id}"), answering)
                .build();
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
        ServerOptions options = new ServerOptions(64, 256, 1, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        EmbeddedChannel ch = new EmbeddedChannel(resetTransport, new ClientChannelInitializer(options,
                RouterOptions.DEFAULTS, router, new ReservedRoutes("/__health", new HealthEndpoint(clock), null, null),
                new ConnectionTracker()));
        ch.writeInbound(Unpooled.copiedBuffer("GET /items/7 HTTP/1.1\r\nHost: a\r\n\r\n", StandardCharsets.US_ASCII));
        ch.runPendingTasks();
        ch.checkException();
        assertEquals(0, body.refCnt(), "released once, by the transport");
        assertTrue(writesAfterReset.stream().noneMatch(m -> m instanceof ByteBuf b && b.capacity() == 0),
                "only the response's own buffers were written, no close marker after the failure: " + writesAfterReset);
        assertFalse(ch.isOpen(), "the connection is closed instead");
    }

}
