package dev.tollgate.core.builtin;

import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.Responses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * A built-in endpoint that needs the whole request body: collects it up to {@link #MAX_BODY} (over it: 413), then
 * answers. This is the only place the gateway aggregates a body; proxied bodies always stream.
 */
abstract class BufferedExchange implements ClientExchange {
    static final int MAX_BODY = 1024 * 1024;

    protected final ClientConnection connection;
    protected final HttpRequest request;
    private CompositeByteBuf body;
    private boolean done;

    BufferedExchange(ClientConnection connection, HttpRequest request) {
        this.connection = connection;
        this.request = request;
    }

    @Override
    public void start() {
    }

    @Override
    public void onContent(HttpContent content) {
        if (done) {
            content.release();
            return;
        }
        ByteBuf data = content.content();
        if (data.isReadable()) {
            if (body == null) {
                body = connection.channel().alloc().compositeBuffer();
            }
            if (body.readableBytes() + data.readableBytes() > MAX_BODY) {
                content.release();
                finish(Responses.text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large"));
                return;
            }
            body.addComponent(true, data.retain());
        }
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (last) {
            finish(respond(body == null ? io.netty.buffer.Unpooled.EMPTY_BUFFER : body));
        }
    }

    /** Builds the response from the complete body (owned by the caller; do not release). */
    protected abstract FullHttpResponse respond(ByteBuf body);

    private void finish(FullHttpResponse response) {
        done = true;
        if (body != null) {
            body.release();
            body = null;
        }
        connection.answer(this, response, HttpUtil.isKeepAlive(request));
    }

    @Override
    public boolean wantsContent() {
        return !done;
    }

    @Override
    public void onClientClosed() {
        done = true;
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
