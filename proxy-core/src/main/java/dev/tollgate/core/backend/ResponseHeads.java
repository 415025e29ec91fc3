package dev.tollgate.core.backend;

import dev.tollgate.core.exchange.Responses;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Turns a backend response head into the client's, in place: headers pass through, framing is per hop. */
final class ResponseHeads {
    private ResponseHeads() {
    }

    /**
     * Strips hop-by-hop headers and re-frames the body for the client: a chunked or read-until-close body goes
     * to an HTTP/1.1 client chunked (its connection stays reusable); an HTTP/1.0 client gets the raw body and a
     * close from the keep-alive handler. Flags the response {@code X-Krakend-Completed: false}, as KrakenD flags
     * every no-op answer (lura marks an answer complete only when it decoded data from it).
     *
     * <p>It drops the backend's {@code Connection} header: read whether the backend connection may be reused
     * ({@code HttpUtil.isKeepAlive}) before.
     *
     * @param draining the gateway is shutting down: ask the client to close after this response
     */
    static void prepareForClient(HttpResponse response, HttpRequest clientRequest, boolean draining) {
        boolean chunked = HttpUtil.isTransferEncodingChunked(response);
        HopByHop.strip(response.headers()); // also drops Transfer-Encoding: each side is framed anew
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (chunked) {
            response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        }
        int code = response.status().code();
        boolean bodyless = code == 204 || code == 304 || clientRequest.method().equals(HttpMethod.HEAD);
        if (!bodyless && !HttpUtil.isContentLengthSet(response)
                && clientRequest.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        response.headers().set(Responses.COMPLETED, Responses.FALSE);
        if (draining) {
            HttpUtil.setKeepAlive(response, false);
        }
    }
}
