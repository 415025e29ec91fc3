package dev.tollgate.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.List;

/**
 * Hop-by-hop headers (RFC 9110 section 7.6.1) belong to one connection and are never forwarded: the fixed list
 * plus every name listed in {@code Connection}. {@code Transfer-Encoding} is also connection-level; the codecs
 * re-frame bodies on each side.
 */
public final class HopByHop {
    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

    /** What {@code Connection: keep-alive} and {@code Connection: close} list, shared. */
    private static final List<String> KEEP_ALIVE_TOKEN = List.of("keep-alive");
    private static final List<String> CLOSE_TOKEN = List.of("close");

    private static final AsciiString[] FIXED = {
        HttpHeaderNames.CONNECTION, KEEP_ALIVE, PROXY_CONNECTION, HttpHeaderNames.PROXY_AUTHENTICATE,
        HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
        HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
    };

    private HopByHop() {
    }

    /** True when {@code name} is on the fixed hop-by-hop list (case-insensitive). */
    public static boolean isFixed(CharSequence name) {
        for (AsciiString h : FIXED) {
            if (h.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code name} is hop-by-hop for a message whose {@code Connection} tokens are {@code listed}. */
    public static boolean isHopByHop(CharSequence name, List<String> listed) {
        if (isFixed(name)) {
            return true;
        }
        for (int i = 0; i < listed.size(); i++) {
            if (AsciiString.contentEqualsIgnoreCase(listed.get(i), name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The header names listed in {@code Connection}: without allocating when there is none and for the plain
     * {@code keep-alive} or {@code close} most clients send on every request.
     */
    public static List<String> connectionTokens(HttpHeaders headers) {
        Iterator<? extends CharSequence> it = headers.valueCharSequenceIterator(HttpHeaderNames.CONNECTION);
        if (!it.hasNext()) {
            return List.of();
        }
        CharSequence first = it.next();
        if (!it.hasNext()) {
            if (HttpHeaderValues.KEEP_ALIVE.contentEqualsIgnoreCase(first)) {
                return KEEP_ALIVE_TOKEN;
            }
            if (HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(first)) {
                return CLOSE_TOKEN;
            }
        }
        List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
        java.util.ArrayList<String> tokens = new java.util.ArrayList<>(4);
        for (String value : values) {
            for (String token : value.split(",")) {
                String t = token.trim();
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
        }
        return tokens;
    }

    /**
     * Trailer fields are dropped in both directions, as KrakenD drops them (its Go handlers copy neither request
     * nor response trailers); the {@code Trailer} header that announces them is hop-by-hop and goes too.
     */
    public static void dropTrailers(LastHttpContent last) {
        if (!last.trailingHeaders().isEmpty()) {
            last.trailingHeaders().clear();
        }
    }

    /** Removes hop-by-hop headers in place (used on backend responses before they go to the client). */
    public static void strip(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String token : connectionTokens(headers)) {
                headers.remove(token);
            }
        }
        for (AsciiString h : FIXED) {
            headers.remove(h);
        }
    }
}
