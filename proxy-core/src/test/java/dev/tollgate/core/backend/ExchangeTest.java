package dev.tollgate.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.InputFilter;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.routing.PathTemplate;
import dev.tollgate.core.testing.LogCapture;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One exchange between two EmbeddedChannels, a client connection and a pooled backend connection: the lease, the
 * client sink and the exchange's state machine together, without sockets. The socket-level behaviour is covered by
 * the Proxy*Test classes; this pins what the split must keep: where a connection goes back, what the client gets.
 */
class ExchangeTest {
    private static final BackendHost HOST = BackendHost.parse("http://backend.internal:8000");

    private final EmbeddedChannel client = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final EmbeddedChannel backend = new EmbeddedChannel();
    private final BackendPools pools = new BackendPools(client.eventLoop(), NioSocketChannel.class, List.of(HOST),
            DefaultAddressResolverGroup.INSTANCE, null, List.of(), 60_000, 1000);
    private final BackendPool pool = pools.pool(client.eventLoop());
    private final BackendRoute route = new BackendRoute("/users/{id}", Duration.ofSeconds(3), List.of(HOST),
            new BackendRequestBuilder(PathTemplate.parse("/users/{id}"), "/u/{id}", "GET", InputFilter.NONE,
                    InputFilter.NONE),
            List.of(), pools, true, false);
    private final EmbeddedClientConnection connection = new EmbeddedClientConnection(client);

    ExchangeTest() {
        client.freezeTime();
        backend.pipeline().addLast(BackendChannelInitializer.EXCHANGE, new BackendExchangeHandler(pool, 0));
        pool.release(backend, 0);
    }

    @AfterEach
    void release() {
        client.finishAndReleaseAll();
        backend.finishAndReleaseAll();
    }

    private ClientExchange get(String id) {
        return get(connection, id);
    }

    private ClientExchange get(EmbeddedClientConnection on, String id) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/users/" + id);
        ClientExchange x = route.newExchange(on, request, new String[] {id});
        x.start();
        x.onContent(LastHttpContent.EMPTY_LAST_CONTENT);
        return x;
    }

    private HttpRequest sentToBackend() {
        HttpRequest head = assertInstanceOf(HttpRequest.class, backend.readOutbound());
        assertTrue(backend.readOutbound() instanceof LastHttpContent);
        return head;
    }

    private static HttpResponse ok(int length) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, length);
        return r;
    }

    private static String text(HttpContent c) {
        String s = c.content().toString(StandardCharsets.UTF_8);
        c.release();
        return s;
    }

    @Test
    void aPooledExchangeStreamsTheResponseAndGivesTheConnectionBack() {
        get("7");
        assertEquals(0, pool.idleCount(), "the exchange holds the pooled connection");
        assertEquals("/u/7", sentToBackend().uri());

        backend.writeInbound(ok(5), new DefaultHttpContent(Unpooled.copiedBuffer("hel", StandardCharsets.UTF_8)),
                new DefaultLastHttpContent(Unpooled.copiedBuffer("lo", StandardCharsets.UTF_8)));

        HttpResponse head = assertInstanceOf(HttpResponse.class, client.readOutbound());
        assertEquals("false", head.headers().get("X-Krakend-Completed"));
        assertEquals("hel", text(client.readOutbound()));
        assertEquals("lo", text(assertInstanceOf(LastHttpContent.class, client.readOutbound())));
        assertEquals(List.of("next"), connection.done);
        assertEquals(1, pool.idleCount(), "complete and keep-alive: back to the pool");
        assertTrue(backend.config().isAutoRead());
    }

    @Test
    void aBackendThatAsksToCloseIsClosedNotPooled() {
        get("7");
        sentToBackend();
        HttpResponse head = ok(0);
        head.headers().set(HttpHeaderNames.CONNECTION, "close");
        backend.writeInbound(head, LastHttpContent.EMPTY_LAST_CONTENT);
        assertNull(head.headers().get(HttpHeaderNames.CONNECTION), "hop-by-hop: not for the client");
        assertEquals(List.of("next"), connection.done);
        assertEquals(0, pool.idleCount());
        assertFalse(backend.isOpen());
    }

    @Test
    void aTimeoutBeforeTheHeadIs504AndTheConnectionIsClosed() {
        try (LogCapture log = new LogCapture()) {
            get("7");
            sentToBackend();
            client.advanceTimeBy(3, TimeUnit.SECONDS);
            client.runScheduledPendingTasks();
            FullHttpResponse answer = assertInstanceOf(FullHttpResponse.class, client.readOutbound());
            assertEquals(HttpResponseStatus.GATEWAY_TIMEOUT, answer.status());
            assertEquals(0, answer.content().readableBytes(), "empty, as KrakenD's");
            answer.release();
            assertEquals(List.of("next"), connection.done);
            assertFalse(backend.isOpen(), "an unfinished exchange never pools its connection");
            assertEquals(0, pool.idleCount());
            assertTrue(log.text().contains("backend timeout after 3s"), log.text());
        }
    }

    @Test
    void aBackendThatBreaksAfterTheHeadClosesTheClientAndWritesNothingMore() {
        try (LogCapture log = new LogCapture()) {
            get("7");
            sentToBackend();
            backend.writeInbound(ok(5));
            assertInstanceOf(HttpResponse.class, client.readOutbound());
            backend.close();
            backend.runPendingTasks();
            assertEquals(List.of("close"), connection.done);
            assertNull(client.readOutbound());
            assertTrue(log.text().contains("in the middle of the response; closing the client connection"), log.text());
        }
    }

    @Test
    void theNextExchangeTakesOverTheSinkAndTheConnectionFromInsideTheLastOnesEnd() {
        get("1");
        sentToBackend();
        connection.next = () -> get("2"); // a pipelined request, started while the first one ends
        backend.writeInbound(ok(0), LastHttpContent.EMPTY_LAST_CONTENT);
        ReferenceCountUtil.release(client.readOutbound());
        ReferenceCountUtil.release(client.readOutbound());
        assertEquals("/u/2", sentToBackend().uri(), "the just recycled connection carries the next request");
        assertEquals(0, pool.idleCount());

        // The second exchange starts with a fresh sink: before its head a failure is an answer, not a close.
        client.advanceTimeBy(3, TimeUnit.SECONDS);
        try (LogCapture log = new LogCapture()) {
            client.runScheduledPendingTasks();
        }
        FullHttpResponse answer = assertInstanceOf(FullHttpResponse.class, client.readOutbound());
        assertEquals(HttpResponseStatus.GATEWAY_TIMEOUT, answer.status());
        answer.release();
        assertEquals(List.of("next", "next"), connection.done);
    }

    @Test
    void eachExchangeEndsOnTheClientConnectionItWasGiven() {
        // A guard that waited stands in for the client connection of its request only.
        EmbeddedClientConnection first = new EmbeddedClientConnection(client);
        EmbeddedClientConnection second = new EmbeddedClientConnection(client);
        get(first, "1");
        sentToBackend();
        backend.writeInbound(ok(0), LastHttpContent.EMPTY_LAST_CONTENT);
        get(second, "2");
        sentToBackend();
        backend.writeInbound(ok(0), LastHttpContent.EMPTY_LAST_CONTENT);
        assertEquals(List.of("next"), first.done);
        assertEquals(List.of("next"), second.done);
    }
}
