package dev.tollgate.auth.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} encoding and decoding exactly as Go's {@code net/url} does it
 * ({@code QueryEscape}, {@code Values.Encode} with sorted keys, {@code ParseQuery}), so token requests are
 * byte-for-byte what KrakenD sends and identity providers see no difference.
 */
public final class FormEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormEncoding() {
    }

    /** Go's {@code url.QueryEscape}: unreserved characters stay, space becomes '+', the rest %XX of UTF-8. */
    public static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /** Go's {@code url.Values.Encode}: keys in the map's order (pass a sorted map), values in order. */
    public static String encode(Map<String, List<String>> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((key, list) -> {
            String k = queryEscape(key);
            for (String v : list) {
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(k).append('=').append(queryEscape(v));
            }
        });
        return sb.toString();
    }

    /** Go's {@code url.ParseQuery}, first value per key; malformed escapes are kept verbatim. */
    public static Map<String, String> decodeFirst(String body) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = unescape(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
            out.putIfAbsent(key, value);
        }
        return out;
    }

    static String unescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
