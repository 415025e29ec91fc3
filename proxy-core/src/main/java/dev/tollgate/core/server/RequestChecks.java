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
 * an HTTP/1.1 request without exactly one {@code Host} (400, RFC 9112 section 3.2), and, with 400, a head whose
 * parts would reach the backend as something else than the client sent:
 * <ul>
 *   <li>a {@code Host} (or absolute-form authority) with a byte Go's {@code httpguts.ValidHostHeader} refuses: a
 *       space (also what a {@code Host} folded onto the next line becomes), a control byte, or {@code @}, i.e.
 *       userinfo, which RFC 9110 section 4.2.4 says to treat as an error (Go would drop it silently; we refuse);</li>
 *   <li>a request target with a control byte or DEL (Go: "invalid control character in URL"), a raw {@code #}
 *       (not part of a request target; a backend that cuts there would serve another path than the template's) or
 *       a byte above 0x7e (Netty reads the line as ISO-8859-1 and the backend would get it re-encoded as UTF-8,
 *       another path). Go lets the last two through; we are stricter.</li>
 * </ul>
 */
final class RequestChecks {
    /** httpguts' validHostByte: RFC 3986 reg-name, IP-literal and port bytes; no space, no {@code @}. */
    private static final boolean[] HOST_BYTE = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            HOST_BYTE[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            HOST_BYTE[c] = true;
            HOST_BYTE[c - 'a' + 'A'] = true;
        }
        for (char c : "!$%&'()*+,-.:;=[]_~".toCharArray()) {
            HOST_BYTE[c] = true;
        }
    }

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
            CharSequence host = hosts.next();
            if (hosts.hasNext() || !validHost(host, 0, host.length())) {
                return HttpResponseStatus.BAD_REQUEST;
            }
        } else {
            String host = headers.get(HttpHeaderNames.HOST);
            if (host != null && !validHost(host, 0, host.length())) {
                return HttpResponseStatus.BAD_REQUEST;
            }
        }
        return validTarget(request.uri()) ? null : HttpResponseStatus.BAD_REQUEST;
    }

    /** Go's rule: any length (an empty Host is allowed), only {@link #HOST_BYTE} bytes. */
    static boolean validHost(CharSequence host, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = host.charAt(i);
            if (c >= 128 || !HOST_BYTE[c]) {
                return false;
            }
        }
        return true;
    }

    /** Visible ASCII only, no {@code #}; an absolute-form target's authority follows the {@code Host} rule. */
    static boolean validTarget(String uri) {
        int n = uri.length();
        for (int i = 0; i < n; i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                return false;
            }
        }
        if (n > 0 && uri.charAt(0) != '/') {
            int authority = uri.regionMatches(true, 0, "http://", 0, 7) ? 7
                    : uri.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
            if (authority > 0) {
                int end = authority;
                while (end < n && uri.charAt(end) != '/' && uri.charAt(end) != '?') {
                    end++;
                }
                return validHost(uri, authority, end);
            }
        }
        return true;
    }
}
