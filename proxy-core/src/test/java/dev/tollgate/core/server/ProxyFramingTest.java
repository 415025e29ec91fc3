package dev.tollgate.core.server;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.tollgate.core.gateway.Gateway;

import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How response bodies are framed toward the client whatever the backend did: chunked, until-close, none. */
class ProxyFramingTest {
    private static TestOrigin origin;
    private static final java.util.Queue<String> trailersSeen = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.streaming(() -> new ChannelInboundHandlerAdapter() {
            private String uri;

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest r) {
                    uri = r.uri();
                }
                if (msg instanceof LastHttpContent l && !l.trailingHeaders().isEmpty()) {
                    trailersSeen.add(l.trailingHeaders().names().toString());
                }
                boolean last = msg instanceof LastHttpContent;
                ReferenceCountUtil.release(msg);
                if (!last) {
                    return;
                }
                switch (uri) {
                    case "/chunked" -> {
                        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                        head.headers().set("Transfer-Encoding", "chunked");
                        ctx.write(head);
                        ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer("hello ", StandardCharsets.UTF_8)));
                        ctx.writeAndFlush(new DefaultLastHttpContent(
                                Unpooled.copiedBuffer("world", StandardCharsets.UTF_8)));
                    }
                    case "/trailers" -> {
                        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                        head.headers().set("Transfer-Encoding", "chunked").set("Trailer", "X-Checksum");
                        ctx.write(head);
                        DefaultLastHttpContent end = new DefaultLastHttpContent(
                                Unpooled.copiedBuffer("body", StandardCharsets.UTF_8));
                        end.trailingHeaders().set("X-Checksum", "abc");
                        ctx.writeAndFlush(end);
                    }
                    case "/until-close" -> {
                        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.OK);
                        ctx.write(head);
                        ctx.writeAndFlush(new DefaultHttpContent(
                                Unpooled.copiedBuffer("all of it", StandardCharsets.UTF_8)))
                                .addListener(ChannelFutureListener.CLOSE);
                    }
                    default -> {
                        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                                HttpResponseStatus.NO_CONTENT);
                        ctx.write(head);
                        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    }
                }
            }
        });
        gateway = Gateway.start(TestConfigs.gateway()
                .endpoint(endpoint("/chunked", origin.url(), "/chunked"))
                .endpoint(endpoint("/until-close", origin.url(), "/until-close"))
                .endpoint(endpoint("/empty", origin.url(), "/empty"))
                .endpoint(endpoint("/trailers", origin.url(), "/trailers").method("POST"))
                .build(), List.of());
    }

    @AfterAll
    static void stop() {
        gateway.shutdown(Duration.ofSeconds(1));
        origin.close();
    }

    @Test
    void chunkedAndUntilCloseBodiesReachAnHttp11ClientChunkedOnALiveConnection() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            RawHttpClient.Response chunked = c.get("/chunked");
            assertEquals("chunked", chunked.header("Transfer-Encoding"));
            assertEquals("hello world", chunked.text());
            RawHttpClient.Response untilClose = c.get("/until-close");
            assertEquals("chunked", untilClose.header("Transfer-Encoding"));
            assertEquals("all of it", untilClose.text());
            RawHttpClient.Response empty = c.get("/empty");
            assertEquals(204, empty.status());
            assertNull(empty.header("Transfer-Encoding"));
            assertEquals("hello world", c.get("/chunked").text(), "the connection is still usable");
        }
    }

    @Test
    void trailersAreDroppedBothWaysAsKrakendDropsThem() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.sendRaw("POST /trailers HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sig\r\n\r\n"
                    + "4\r\ndata\r\n0\r\nX-Sig: s\r\n\r\n");
            RawHttpClient.Response r = c.read();
            assertEquals(200, r.status());
            assertEquals("body", r.text());
            assertNull(r.header("Trailer"));
            assertEquals(List.of(), c.lastTrailers());
            assertEquals(200, c.get("POST", "/trailers").status(), "the connection is still usable");
        }
        assertTrue(trailersSeen.isEmpty(), "the backend got no trailer fields: " + trailersSeen);
    }

    @Test
    void http10ClientGetsTheRawBodyAndAClose() throws Exception {
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.sendRaw("GET /chunked HTTP/1.0\r\nHost: a\r\n\r\n");
            RawHttpClient.Response r = c.read();
            assertEquals(200, r.status());
            assertNull(r.header("Transfer-Encoding"));
            assertEquals("hello world", r.text());
        }
        try (RawHttpClient c = new RawHttpClient(gateway.port())) {
            c.sendRaw("GET /empty HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n");
            assertEquals(204, c.read().status());
            c.sendRaw("GET /empty HTTP/1.0\r\nHost: a\r\n\r\n");
            assertEquals(204, c.read().status(), "HTTP/1.0 keep-alive honoured");
            assertTrue(c.awaitClosed());
        }
    }
}
