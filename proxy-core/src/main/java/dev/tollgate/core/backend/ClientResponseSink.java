package dev.tollgate.core.backend;

import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.Responses;
import dev.tollgate.core.http.HopByHop;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.Map;

/**
 * The client connection as a {@link ResponseSink}, as Zuul's {@code ClientResponseWriter}: frames the backend's
 * response for the client, writes it through the client pipeline with void promises and flushes once per backend
 * read batch, answers an error itself before the head, and closes the connection after it.
 *
 * <p>One per client channel, kept as its attribute and taken over by each exchange in turn ({@link #begin}), so a
 * request allocates no sink. Every field is the current exchange's: even the {@link ClientConnection} may be a
 * per-request stand-in (a guard that waited). Taking over is safe because the connection runs one exchange at a
 * time, an ended exchange never touches its sink again, and {@link #end} and {@link #fail} hand the connection
 * on as their last step (the next exchange may begin inside them).
 */
final class ClientResponseSink implements ResponseSink {
    private static final AttributeKey<ClientResponseSink> SINK =
            AttributeKey.valueOf(ClientResponseSink.class, "SINK");

    private ClientConnection client;
    private ChannelHandlerContext ctx;
    private ClientExchange exchange;
    /** The client's request: its method and version decide the framing, its keep-alive the error answer's. */
    private HttpRequest request;
    /** {@code router.return_error_msg}: an error answer carries its reason as text. */
    private boolean showsReason;
    private boolean headWritten;
    private boolean dirty;

    /**
     * The sink of {@code client}'s connection, now for {@code exchange}'s response.
     *
     * @param exchange the exchange whose response this is, for {@link ClientConnection#exchangeDone}
     */
    static ClientResponseSink begin(ClientConnection client, ClientExchange exchange, HttpRequest request,
                                    boolean showsReason) {
        Attribute<ClientResponseSink> attr = client.channel().attr(SINK);
        ClientResponseSink sink = attr.get();
        if (sink == null) {
            sink = new ClientResponseSink();
            attr.set(sink);
        }
        sink.client = client;
        sink.ctx = client.ctx();
        sink.exchange = exchange;
        sink.request = request;
        sink.showsReason = showsReason;
        sink.headWritten = false;
        sink.dirty = false;
        return sink;
    }

    @Override
    public void head(HttpResponse head) {
        ResponseHeads.prepareForClient(head, request, client.draining());
        headWritten = true;
        write(head);
    }

    @Override
    public void content(HttpContent content) {
        write(content);
    }

    private void write(Object msg) {
        if (msg instanceof LastHttpContent last) {
            HopByHop.dropTrailers(last);
        }
        ctx.write(msg, ctx.voidPromise());
        dirty = true;
    }

    @Override
    public void flush() {
        if (dirty) {
            dirty = false;
            ctx.flush();
        }
    }

    @Override
    public void end() {
        dirty = false;
        ctx.flush();
        done(false);
    }

    /** Last: the connection may begin its next exchange, and with it this sink's, right inside. */
    private void done(boolean close) {
        client.exchangeDone(exchange, close);
    }

    /**
     * Before the head: the error response, its body empty as KrakenD's unless {@code router.return_error_msg} asks
     * for the reason. After it: the response cannot be completed, so the connection closes once what was written is
     * flushed.
     */
    @Override
    public void fail(HttpResponseStatus status, String why) {
        fail(status, why, Map.of());
    }

    @Override
    public void fail(HttpResponseStatus status, String why, Map<String, String> headers) {
        if (headWritten || !ctx.channel().isActive()) {
            // Broken after the head, or the client is gone and only waits for its close to arrive: write nothing.
            done(headWritten);
            return;
        }
        FullHttpResponse response = Responses.incomplete(showsReason
                ? Responses.text(status, why) : Responses.empty(status));
        headers.forEach(response.headers()::set);
        if (client.draining() || !HttpUtil.isKeepAlive(request)) {
            HttpUtil.setKeepAlive(response, false);
        }
        ctx.writeAndFlush(response, ctx.voidPromise());
        done(false);
    }

    @Override
    public boolean writable() {
        return client.channel().isWritable();
    }
}
