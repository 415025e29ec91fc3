package dev.tollgate.core.backend;

import dev.tollgate.core.config.InputFilter;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forwards the client's query parameters that {@code input_query_strings} allows, re-encoded the way KrakenD
 * (Go's {@code url.Values.Encode}) does: keys sorted, each value query-escaped, joined with '&'.
 */
final class QueryForwarding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final InputFilter filter;

    QueryForwarding(InputFilter filter) {
        this.filter = filter;
    }

    /** True when no parameter can ever pass, so the client's query need not be parsed at all. */
    boolean forwardsNothing() {
        return !filter.all() && filter.names().isEmpty();
    }

    /**
     * Appends the allowed parameters of {@code rawQuery} (without '?') to {@code sb}, prefixed by
     * {@code separator} when there is at least one.
     */
    void appendTo(StringBuilder sb, String rawQuery, char separator) {
        if (rawQuery.isEmpty() || forwardsNothing()) {
            return;
        }
        Map<String, List<String>> decoded = new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false)
                .parameters();
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : decoded.entrySet()) {
            if (filter.allows(e.getKey())) {
                sorted.put(e.getKey(), e.getValue());
            }
        }
        boolean first = true;
        for (Map.Entry<String, List<String>> e : sorted.entrySet()) {
            for (String value : e.getValue()) {
                sb.append(first ? separator : '&');
                first = false;
                escape(sb, e.getKey());
                sb.append('=');
                escape(sb, value);
            }
        }
    }

    /** Go's {@code url.QueryEscape}: unreserved characters stay, space becomes '+', the rest %XX of UTF-8. */
    static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append(c);
            } else if (c == ' ') {
                sb.append('+');
            } else if (c < 0x80) {
                percent(sb, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    percent(sb, b & 0xff);
                }
                i = end - 1;
            }
        }
    }

    private static void percent(StringBuilder sb, int b) {
        sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }
}
