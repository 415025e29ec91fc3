package dev.tollgate.core.backend;

import dev.tollgate.core.server.ClientConnection;
import dev.tollgate.core.server.ClientExchange;
import dev.tollgate.core.server.Responses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The client connection as a {@link ResponseSink}, as Zuul's {@code ClientResponseWriter}: frames the backend's
 * response for the client, writes it through the client pipeline with void promises and flushes once per backend
 * read batch, answers an error itself before the head, and closes the connection after it.
 */
final class ClientResponseSink implements ResponseSink {
    private final ClientConnection client;
    private final ChannelHandlerContext ctx;
    private final ClientExchange exchange;
    private final HttpRequest request;
    /** {@code router.return_error_msg}: an error answer carries its reason as text. */
    private final boolean showsReason;
    private boolean headWritten;
    private boolean dirty;

    /**
     * @param exchange the exchange whose response this is, for {@link ClientConnection#exchangeDone}
     * @param request  the client's request: its method and version decide the framing, its keep-alive the error's
     */
    ClientResponseSink(ClientConnection client, ClientExchange exchange, HttpRequest request, boolean showsReason) {
        this.client = client;
        this.ctx = client.ctx();
        this.exchange = exchange;
        this.request = request;
        this.showsReason = showsReason;
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
        client.exchangeDone(exchange, false);
    }

    /**
     * Before the head: the error response, its body empty as KrakenD's unless {@code router.return_error_msg} asks
     * for the reason. After it: the response cannot be completed, so the connection closes once what was written is
     * flushed.
     */
    @Override
    public void fail(HttpResponseStatus status, String why) {
        if (headWritten || !ctx.channel().isActive()) {
            // Broken after the head, or the client is gone and only waits for its close to arrive: write nothing.
            client.exchangeDone(exchange, headWritten);
            return;
        }
        FullHttpResponse response = Responses.incomplete(showsReason
                ? Responses.text(status, why) : Responses.empty(status));
        if (client.draining() || !HttpUtil.isKeepAlive(request)) {
            HttpUtil.setKeepAlive(response, false);
        }
        ctx.writeAndFlush(response, ctx.voidPromise());
        client.exchangeDone(exchange, false);
    }

    @Override
    public boolean writable() {
        return client.channel().isWritable();
    }
}
