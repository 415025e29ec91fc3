package dev.tollgate.auth.jwt;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

/**
 * Finds the token in a request as krakend-jose's extractors do: first the header ({@code Authorization}, or
 * {@code auth_header_name}), with a case-insensitive {@code Bearer } prefix removed when present; only when the
 * header is absent or empty, the cookie ({@code access_token}, or {@code cookie_key}).
 *
 * <p>The header value is returned as it is, prefix included, and {@link #prefixLength} says how much of it to skip:
 * the verified-token cache is keyed by that value, so the hot path copies no string.
 */
final class TokenExtractor {
    private static final String BEARER = "Bearer ";

    private final String header;
    private final String cookie;

    TokenExtractor(String header, String cookie) {
        this.header = header;
        this.cookie = cookie;
    }

    /** The header's value when it carries a token (prefix included), else null. */
    String fromHeader(HttpHeaders headers) {
        String raw = headers.get(header);
        return raw == null || raw.isEmpty() ? null : raw;
    }

    /** The cookie's value, or null when there is none or it is empty. */
    String fromCookie(HttpHeaders headers) {
        String cookies = headers.get(HttpHeaderNames.COOKIE);
        if (cookies == null) {
            return null;
        }
        for (Cookie c : ServerCookieDecoder.LAX.decodeAll(cookies)) {
            if (c.name().equals(cookie)) {
                return c.value().isEmpty() ? null : c.value();
            }
        }
        return null;
    }

    /** 7 when {@code raw} starts with a case-insensitive {@code "Bearer "} and has more after it, else 0. */
    static int prefixLength(String raw) {
        return raw.length() > BEARER.length() && raw.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? BEARER.length() : 0;
    }
}
