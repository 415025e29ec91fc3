package dev.tollgate.core.exchange;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/** Small responses the gateway answers itself. Bodies are tiny or empty; never a stack trace. */
public final class Responses {
    /**
     * KrakenD's flag on endpoint responses: {@code false} when the gateway answered instead of the backend (no
     * route, a failed or timed-out backend, no token) and on every {@code no-op} answer, which lura cannot know to
     * be complete (it sets {@code true} only when it decoded some data). Clients and dashboards written for KrakenD
     * read it.
     */
    public static final AsciiString COMPLETED = AsciiString.cached("X-Krakend-Completed");
    public static final AsciiString TRUE = AsciiString.cached("true");
    public static final AsciiString FALSE = AsciiString.cached("false");
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    /** gin's 404 and 405 say {@code text/plain} with no charset; KrakenD clients see exactly that. */
    private static final AsciiString GIN_TEXT_PLAIN = AsciiString.cached("text/plain");

    private Responses() {
    }

    /** A response with an empty body, as KrakenD answers proxy failures. */
    public static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
        return r;
    }

    /** An answered CORS preflight: empty, and for a 204 without Content-Length (RFC 9110 section 8.6), as Go. */
    public static FullHttpResponse preflight(HttpResponseStatus status) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        if (status.code() != 204) {
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
        }
        return r;
    }

    /** {@code response}, flagged as answered by the gateway instead of the backend. */
    public static FullHttpResponse incomplete(FullHttpResponse response) {
        response.headers().set(COMPLETED, FALSE);
        return response;
    }

    public static FullHttpResponse text(HttpResponseStatus status, String text) {
        return withBody(status, TEXT_PLAIN, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    /** A text answer framed as gin frames its own 404 and 405 ({@code Content-Type: text/plain}). */
    public static FullHttpResponse ginText(HttpResponseStatus status, String text) {
        return withBody(status, GIN_TEXT_PLAIN, Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    public static FullHttpResponse json(HttpResponseStatus status, byte[] json) {
        return withBody(status, HttpHeaderValues.APPLICATION_JSON, Unpooled.wrappedBuffer(json));
    }

    public static FullHttpResponse withBody(HttpResponseStatus status, CharSequence contentType, ByteBuf body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return r;
    }
}
