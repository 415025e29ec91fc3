package dev.tollgate.auth.jwt;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

/**
 * Finds the token in a request as krakend-jose's extractors do: first the header ({@code Authorization}, or
 * {@code auth_header_name}), with a case-insensitive {@code Bearer } prefix removed when present; only when the
 * header is absent or empty, the cookie ({@code access_token}, or {@code cookie_key}).
 */
final class TokenExtractor {
    private final String header;
    private final String cookie;

    TokenExtractor(String header, String cookie) {
        this.header = header;
        this.cookie = cookie;
    }

    /** The token text, or null when the request carries none. */
    String extract(HttpHeaders headers) {
        String raw = headers.get(header);
        if (raw != null && raw.length() > 7 && raw.regionMatches(true, 0, "Bearer ", 0, 7)) {
            raw = raw.substring(7);
        }
        if (raw != null && !raw.isEmpty()) {
            return raw;
        }
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
}
