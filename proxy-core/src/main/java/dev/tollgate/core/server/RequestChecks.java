package dev.tollgate.core.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Iterator;

/**
 * What Netty's decoder accepts but Go's server (so KrakenD) refuses, checked on each request head before routing:
 * a major version other than 1 (505), a {@code Transfer-Encoding} other than exactly {@code chunked} (501: Netty
 * would decode {@code gzip, chunked} as plain chunked and the coding would be lost on the way to the backend), and
 * an HTTP/1.1 request without exactly one {@code Host} (400, RFC 9112 section 3.2).
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /** The status to refuse {@code request} with, or null when it may be served. */
    static HttpResponseStatus refusal(HttpRequest request) {
        if (request.protocolVersion().majorVersion() != 1) {
            return HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
        }
        HttpHeaders headers = request.headers();
        String te = headers.get(HttpHeaderNames.TRANSFER_ENCODING);
        if (te != null && !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(te)) {
            return HttpResponseStatus.NOT_IMPLEMENTED;
        }
        if (request.protocolVersion().minorVersion() >= 1) {
            Iterator<? extends CharSequence> hosts = headers.valueCharSequenceIterator(HttpHeaderNames.HOST);
            if (!hosts.hasNext()) {
                return HttpResponseStatus.BAD_REQUEST;
            }
            hosts.next();
            if (hosts.hasNext()) {
                return HttpResponseStatus.BAD_REQUEST;
            }
        }
        return null;
    }
}
