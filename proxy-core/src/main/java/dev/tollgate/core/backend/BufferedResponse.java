package dev.tollgate.core.backend;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * A {@link ResponseSink} that keeps one backend's answer for decoding: its status, its Content-Encoding and its body,
 * bounded (a body past the cap fails the backend at once, so a huge or endless answer costs at most the cap). It is
 * always writable: the bound, not backpressure, limits what it holds. Confined to the exchange's event loop.
 */
final class BufferedResponse implements ResponseSink {

    /** Told once per backend call, when its answer is whole or the call failed. */
    interface Owner {
        void onAnswered(int index);
    }

    private final Owner owner;
    private final int index;
    private final int maxBytes;
    private final ByteBufAllocator alloc;

    private HttpResponseStatus status;
    private String contentEncoding;
    private String contentType;
    private CompositeByteBuf body;
    /** Why the call failed; null while it did not. */
    private String failure;
    private boolean tooLarge;
    private boolean answered;

    BufferedResponse(Owner owner, int index, int maxBytes, ByteBufAllocator alloc) {
        this.owner = owner;
        this.index = index;
        this.maxBytes = maxBytes;
        this.alloc = alloc;
    }

    @Override
    public void head(HttpResponse head) {
        status = head.status();
        contentEncoding = head.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        long declared = HttpUtil.getContentLength(head, -1L);
        if (declared > maxBytes) {
            overflow(declared);
            if (head instanceof HttpContent c) {
                c.release();
            }
            return;
        }
        if (head instanceof HttpContent c) {
            content(c);
        }
    }

    @Override
    public void content(HttpContent content) {
        if (answered) {
            content.release();
            return;
        }
        if (content.content().isReadable()) {
            if (body == null) {
                body = alloc.compositeBuffer(64);
            }
            if (body.readableBytes() + (long) content.content().readableBytes() > maxBytes) {
                long seen = body.readableBytes() + (long) content.content().readableBytes();
                content.release();
                overflow(seen);
                return;
            }
            body.addComponent(true, content.content().retain());
        }
        content.release();
    }

    private void overflow(long bytes) {
        release();
        tooLarge = true;
        failure = "the body is larger than the " + maxBytes + " bytes an endpoint that is not no-op buffers (got "
                + (bytes >= 0 ? "at least " + bytes : "more") + "; tollgate/server max_response_body_bytes)";
        answer();
    }

    @Override
    public void flush() {
    }

    @Override
    public void end() {
        answer();
    }

    @Override
    public void fail(HttpResponseStatus failStatus, String why) {
        if (answered) {
            return;
        }
        release();
        failure = why;
        answer();
    }

    private void answer() {
        if (!answered) {
            answered = true;
            owner.onAnswered(index);
        }
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public String brokenOutcome() {
        return "this backend's part is left out";
    }

    /** The backend's status; null when it never answered. */
    HttpResponseStatus status() {
        return status;
    }

    String contentEncoding() {
        return contentEncoding;
    }

    String contentType() {
        return contentType;
    }

    /** Why the call failed (already logged by the exchange, except for {@link #tooLarge}), or null. */
    String failure() {
        return failure;
    }

    /** The body was past the cap: the exchange is to be cancelled, and nobody logged it yet. */
    boolean tooLarge() {
        return tooLarge;
    }

    /** The body read so far (the whole body once answered well), or null when it was empty; still owned here. */
    CompositeByteBuf body() {
        return body;
    }

    /** Drops the body; safe to call more than once. */
    void release() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
