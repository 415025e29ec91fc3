package dev.tollgate.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.InputFilter;
import dev.tollgate.core.data.BackendEncoding;
import dev.tollgate.core.data.OutputEncoding;
import dev.tollgate.core.data.ResponseShape;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.routing.PathTemplate;
import dev.tollgate.core.testing.LogCapture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A data endpoint's exchange between EmbeddedChannels: the backend's answer goes into a {@link BufferedResponse},
 * not to the client; the client gets one rendered answer; connections are pooled or closed and buffers released.
 */
class DataExchangeTest {
    private static final BackendHost HOST = BackendHost.parse("http://backend.internal:8000");

    private final EmbeddedChannel client = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final EmbeddedChannel backend = new EmbeddedChannel();
    private final BackendPools pools = new BackendPools(client.eventLoop(), NioSocketChannel.class, List.of(HOST),
            DefaultAddressResolverGroup.INSTANCE, null, List.of(), 60_000, 1000);
    private final BackendPool pool = pools.pool(client.eventLoop());
    private final BackendRoute backendRoute = new BackendRoute("/users/{id}", Duration.ofSeconds(3), List.of(HOST),
            new BackendRequestBuilder(PathTemplate.parse("/users/{id}"), "/u/{id}", "GET", InputFilter.NONE,
                    InputFilter.NONE),
            List.of(), pools, true, false);
    private final DataRoute route = new DataRoute("/users/{id}", List.of(new DataBackend(backendRoute,
            BackendEncoding.JSON, false, ResponseShape.NONE, "GET /u/{id}")), OutputEncoding.JSON,
            Duration.ofSeconds(10), 16, false);
    private final EmbeddedClientConnection connection = new EmbeddedClientConnection(client);
    private final List<String> done = connection.done;

    DataExchangeTest() {
        client.freezeTime();
        backend.pipeline().addLast(BackendChannelInitializer.EXCHANGE, new BackendExchangeHandler(pool, 0));
        pool.release(backend, 0);
    }

    @AfterEach
    void release() {
        client.finishAndReleaseAll();
        backend.finishAndReleaseAll();
    }

    private ClientExchange get() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/users/7");
        ClientExchange x = route.newExchange(connection, request, new String[] {"7"});
        x.start();
        x.onContent(LastHttpContent.EMPTY_LAST_CONTENT);
        assertInstanceOf(HttpRequest.class, backend.readOutbound());
        assertInstanceOf(LastHttpContent.class, backend.readOutbound());
        return x;
    }

    private static HttpResponse head(HttpResponseStatus status) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        r.headers().set("X-Origin", "1");
        return r;
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void theBufferedAnswerIsRenderedOnceAndTheConnectionPooled() {
        get();
        ByteBuf first = bytes("{\"b\":1,");
        ByteBuf last = bytes("\"a\":2}");
        backend.writeInbound(head(HttpResponseStatus.OK), new DefaultHttpContent(first),
                new DefaultLastHttpContent(last));
        FullHttpResponse answer = assertInstanceOf(FullHttpResponse.class, client.readOutbound());
        assertNull(client.readOutbound(), "one message: the whole answer");
        assertEquals("{\"a\":2,\"b\":1}", answer.content().toString(StandardCharsets.UTF_8));
        assertEquals("13", answer.headers().get(HttpHeaderNames.CONTENT_LENGTH));
        assertEquals("true", answer.headers().get("X-Krakend-Completed"));
        assertEquals("public, max-age=10", answer.headers().get(HttpHeaderNames.CACHE_CONTROL));
        assertNull(answer.headers().get("X-Origin"));
        assertNull(answer.headers().get(HttpHeaderNames.TRANSFER_ENCODING));
        answer.release();
        assertEquals(List.of("next"), done);
        assertEquals(1, pool.idleCount(), "read to its end: back to the pool");
        assertEquals(0, first.refCnt());
        assertEquals(0, last.refCnt());
    }

    @Test
    void aBodyPastTheCapClosesTheBackendAndReleasesWhatWasBuffered() {
        try (LogCapture log = new LogCapture()) {
            get();
            ByteBuf first = bytes("{\"a\":\"0123456");
            ByteBuf second = bytes("789abcdef\"}");
            backend.writeInbound(head(HttpResponseStatus.OK), new DefaultHttpContent(first),
                    new DefaultHttpContent(second));
            FullHttpResponse answer = assertInstanceOf(FullHttpResponse.class, client.readOutbound());
            assertEquals(HttpResponseStatus.INTERNAL_SERVER_ERROR, answer.status());
            assertEquals("false", answer.headers().get("X-Krakend-Completed"));
            answer.release();
            assertEquals(0, first.refCnt());
            assertEquals(0, second.refCnt());
            assertFalse(backend.isOpen(), "the rest of the body is not read: the connection goes");
            assertEquals(0, pool.idleCount());
            assertTrue(log.text().contains("[GET /u/{id}]: the body is larger than the 16 bytes"), log.text());
            assertEquals(List.of("next"), done);
        }
    }

    @Test
    void aDeclaredLengthPastTheCapFailsAtTheHead() {
        get();
        HttpResponse big = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        big.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 1000);
        backend.writeInbound(big);
        FullHttpResponse answer = assertInstanceOf(FullHttpResponse.class, client.readOutbound());
        assertEquals(HttpResponseStatus.INTERNAL_SERVER_ERROR, answer.status());
        answer.release();
        assertFalse(backend.isOpen());
    }

    @Test
    void aTimeoutIs500AndClosesTheBackend() {
        get();
        backend.writeInbound(head(HttpResponseStatus.OK), new DefaultHttpContent(bytes("{")));
        client.advanceTimeBy(3, TimeUnit.SECONDS);
        client.runScheduledPendingTasks();
        FullHttpResponse answer = assertInstanceOf(FullHttpResponse.class, client.readOutbound());
        assertEquals(HttpResponseStatus.INTERNAL_SERVER_ERROR, answer.status());
        answer.release();
        assertFalse(backend.isOpen());
        assertEquals(List.of("next"), done);
    }

    @Test
    void aClientThatGoesAwayDropsTheBackendAndWritesNothing() {
        ClientExchange x = get();
        ByteBuf part = bytes("{\"a\":");
        backend.writeInbound(head(HttpResponseStatus.OK), new DefaultHttpContent(part));
        x.onClientClosed();
        assertEquals(0, part.refCnt(), "the buffered part is released");
        assertFalse(backend.isOpen());
        assertNull(client.readOutbound());
        assertEquals(List.of(), done);
    }
}
