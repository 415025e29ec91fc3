package dev.tollgate.core.backend;

import dev.tollgate.core.config.InputFilter;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forwards the client's query parameters that {@code input_query_strings} allows, re-encoded the way KrakenD
 * (Go's {@code url.Values.Encode}) does: keys sorted, each value query-escaped, joined with '&'.
 *
 * <p>The output is defined by Netty's {@link QueryStringDecoder} (pairs split at '&' and ';', '+' and %XX decoded as
 * UTF-8, at most 1024 pairs, a malformed escape anywhere is an {@link IllegalArgumentException}) followed by a
 * {@code TreeMap} of the allowed names. For a named allow-list the same output is produced without decoding the
 * query: one pass splits the pairs and records the allowed ones (raw names compared in place against the sorted
 * allow-list, only names carrying '%' or '+' decoded), then they are appended by name in sorted order, values in
 * order of appearance. ASCII values are re-encoded straight from the raw text; only values with non-ASCII content
 * are decoded first. {@code "*"} and queries with a malformed escape take the decoding path.
 */
final class QueryForwarding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** {@link QueryStringDecoder}'s default limit: pairs after the 1024th are ignored. */
    private static final int MAX_PARAMS = 1024;
    /** Returned by {@link #scan} when an escape is malformed. */
    private static final int[] MALFORMED = new int[0];

    private final InputFilter filter;
    /** Allowed names in {@code String} order (the {@code TreeMap}'s), and each one query-escaped. */
    private final String[] names;
    private final String[] escapedNames;

    QueryForwarding(InputFilter filter) {
        this.filter = filter;
        this.names = filter.names().stream().sorted().toArray(String[]::new);
        this.escapedNames = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            StringBuilder sb = new StringBuilder();
            escape(sb, names[i]);
            escapedNames[i] = sb.toString();
        }
    }

    /** True when no parameter can ever pass, so the client's query need not be parsed at all. */
    boolean forwardsNothing() {
        return !filter.all() && names.length == 0;
    }

    /**
     * Appends the allowed parameters of {@code rawQuery} (without '?') to {@code sb}, prefixed by
     * {@code separator} when there is at least one.
     */
    void appendTo(StringBuilder sb, String rawQuery, char separator) {
        appendTo(sb, rawQuery, 0, rawQuery.length(), separator);
    }

    /** As {@link #appendTo(StringBuilder, String, char)} for the raw query {@code s[from, to)}. */
    void appendTo(StringBuilder sb, String s, int from, int to, char separator) {
        if (from >= to || forwardsNothing()) {
            return;
        }
        if (filter.all()) {
            appendDecoded(sb, s.substring(from, to), separator);
            return;
        }
        int[] found = scan(s, from, to);
        if (found == MALFORMED) {
            appendDecoded(sb, s.substring(from, to), separator); // drops the malformed pairs, as Go does
            return;
        }
        if (found == null) {
            return;
        }
        int used = found[0];
        boolean first = true;
        for (int name = 0; name < names.length; name++) {
            for (int r = 1; r < used; r += 3) {
                if (found[r] == name) {
                    sb.append(first ? separator : '&').append(escapedNames[name]).append('=');
                    first = false;
                    appendValue(sb, s, found[r + 1], found[r + 2]);
                }
            }
        }
    }

    /**
     * Walks the pairs of {@code s[from, to)} exactly as {@link QueryStringDecoder} splits them and records each
     * allowed one as (name index, value start, value end) after a used-length slot; null when none is allowed,
     * {@link #MALFORMED} when an escape is malformed.
     */
    private int[] scan(String s, int from, int to) {
        if (s.charAt(from) == '?') {
            from++;
        }
        int[] found = null;
        int budget = MAX_PARAMS;
        int nameStart = from;
        int valueStart = -1;
        boolean escaped = false;
        int i;
        for (i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (nameStart == i) {
                    nameStart = i + 1;
                } else if (valueStart < nameStart) {
                    valueStart = i + 1;
                }
            } else if (c == '&' || c == ';') {
                if (nameStart < i) {
                    found = pair(s, nameStart, valueStart, i, escaped, found);
                    if (found == MALFORMED || --budget == 0) {
                        return found;
                    }
                }
                nameStart = i + 1;
                escaped = false;
            } else if (c == '%' || c == '+') {
                escaped = true;
            } else if (c == '#') {
                break;
            }
        }
        return nameStart < i ? pair(s, nameStart, valueStart, i, escaped, found) : found;
    }

    /** Checks one pair's escapes (only if it has any) and records it if its name is allowed. */
    private int[] pair(String s, int nameStart, int valueStart, int end, boolean escaped, int[] found) {
        int nameEnd = valueStart > nameStart ? valueStart - 1 : end;
        if (valueStart <= nameStart) {
            valueStart = end;
        }
        if (escaped && (!wellFormed(s, nameStart, nameEnd) || !wellFormed(s, valueStart, end))) {
            return MALFORMED;
        }
        int name = escaped ? indexOfEscaped(s, nameStart, nameEnd) : indexOf(s, nameStart, nameEnd);
        if (name < 0) {
            return found;
        }
        if (found == null) {
            found = new int[1 + 3 * 4];
            found[0] = 1;
        } else if (found[0] + 3 > found.length) {
            found = Arrays.copyOf(found, found.length * 2);
        }
        int n = found[0];
        found[n] = name;
        found[n + 1] = valueStart;
        found[n + 2] = end;
        found[0] = n + 3;
        return found;
    }

    /** As {@link #indexOf} for a name that may carry '%' or '+'; allocates only when it does. */
    private int indexOfEscaped(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                String decoded = QueryStringDecoder.decodeComponent(s.substring(from, to), StandardCharsets.UTF_8);
                int index = Arrays.binarySearch(names, decoded);
                return index < 0 ? -1 : index;
            }
        }
        return indexOf(s, from, to);
    }

    /** Index in {@link #names} of the raw name {@code s[from, to)} (no '%' or '+' in it), or -1. */
    private int indexOf(String s, int from, int to) {
        int lo = 0;
        int hi = names.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = compare(names[mid], s, from, to);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** {@link String#compareTo} of {@code name} against {@code s[from, to)}. */
    private static int compare(String name, String s, int from, int to) {
        int n = Math.min(name.length(), to - from);
        for (int i = 0; i < n; i++) {
            int d = name.charAt(i) - s.charAt(from + i);
            if (d != 0) {
                return d;
            }
        }
        return name.length() - (to - from);
    }

    /** Whether every '%' in {@code s[from, to)} starts two hex digits (else QueryStringDecoder throws). */
    private static boolean wellFormed(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                if (i + 3 > to || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    /**
     * Appends the value {@code s[from, to)} (escapes known to be well formed) as decode-then-{@link #escape}
     * would. An ASCII value maps char by char; anything else is decoded first, as UTF-8 byte runs must be.
     */
    private static void appendValue(StringBuilder sb, String s, int from, int to) {
        int mark = sb.length();
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int b = hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2));
                if (b >= 0x80) {
                    sb.setLength(mark);
                    escape(sb, QueryStringDecoder.decodeComponent(s.substring(from, to), StandardCharsets.UTF_8));
                    return;
                }
                escapeAscii(sb, (char) b);
                i += 2;
            } else if (c == '+') {
                sb.append('+'); // decodes to ' ', which escapes to '+'
            } else if (c < 0x80) {
                escapeAscii(sb, c);
            } else {
                sb.setLength(mark);
                escape(sb, QueryStringDecoder.decodeComponent(s.substring(from, to), StandardCharsets.UTF_8));
                return;
            }
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Decodes the whole query with {@link QueryStringDecoder} and sorts it: the reference behaviour. A pair with a
     * malformed escape ({@code %zz}) is dropped, as Go's {@code url.ParseQuery} drops it for KrakenD; the decoder
     * would instead reject the whole query and fail the request.
     */
    static void appendDecoded(StringBuilder sb, String rawQuery, char separator, InputFilter filter) {
        int hash = rawQuery.indexOf('#'); // the decoder ignores a fragment: so must the check
        int end = hash < 0 ? rawQuery.length() : hash;
        String query = wellFormed(rawQuery, 0, end) ? rawQuery : withoutMalformedPairs(rawQuery.substring(0, end));
        Map<String, List<String>> decoded = new QueryStringDecoder(query, StandardCharsets.UTF_8, false)
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

    /** The pairs of {@code rawQuery} whose escapes are all well formed, joined by '&'. Rare, so not optimised. */
    private static String withoutMalformedPairs(String rawQuery) {
        StringBuilder kept = new StringBuilder(rawQuery.length());
        int start = 0;
        for (int i = 0; i <= rawQuery.length(); i++) {
            if (i == rawQuery.length() || rawQuery.charAt(i) == '&' || rawQuery.charAt(i) == ';') {
                if (i > start && wellFormed(rawQuery, start, i)) {
                    if (kept.length() > 0) {
                        kept.append('&');
                    }
                    kept.append(rawQuery, start, i);
                }
                start = i + 1;
            }
        }
        return kept.toString();
    }

    private void appendDecoded(StringBuilder sb, String rawQuery, char separator) {
        appendDecoded(sb, rawQuery, separator, filter);
    }

    /** Go's {@code url.QueryEscape}: unreserved characters stay, space becomes '+', the rest %XX of UTF-8. */
    static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                escapeAscii(sb, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    percent(sb, b & 0xff);
                }
                i = end - 1;
            }
        }
    }

    private static void escapeAscii(StringBuilder sb, char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~') {
            sb.append(c);
        } else if (c == ' ') {
            sb.append('+');
        } else {
            percent(sb, c);
        }
    }

    private static void percent(StringBuilder sb, int b) {
        sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }
}
