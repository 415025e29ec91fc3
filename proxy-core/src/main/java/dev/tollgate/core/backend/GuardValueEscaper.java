package dev.tollgate.core.backend;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a guard's value ({@code {JWT.sub}}: text the token's issuer chose) so that it stays one path
 * segment, or one query value, of the backend URL. KrakenD substitutes it raw and lets Go's URL parser sort it out,
 * so there a {@code /} adds path segments, a {@code ?} or {@code #} cuts the path short and starts a query or a
 * fragment, and a {@code %} makes an escape of what follows. Kept as they are: RFC 3986's unreserved characters and
 * {@code ! $ ' ( ) * , : @}, which mean nothing special in a segment or a query value (an e-mail address, a URN, a
 * comma-joined array claim stay readable, as Go sends them). Everything else, {@code & + ; =} included (a query
 * separator, a space in form decoding, a matrix parameter), is encoded as its UTF-8 bytes.
 */
final class GuardValueEscaper {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] KEPT = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            KEPT[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            KEPT[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            KEPT[c] = true;
        }
        for (char c : "-._~!$'()*,:@".toCharArray()) {
            KEPT[c] = true;
        }
    }

    private GuardValueEscaper() {
    }

    /** Appends {@code value} encoded; a value with nothing to encode (the usual {@code sub}) is appended as is. */
    static void appendTo(StringBuilder sb, String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 128 && KEPT[c]) {
                sb.append(c);
            } else if (c < 128) {
                appendByte(sb, c);
            } else {
                int end = i + 1;
                while (end < n && value.charAt(end) >= 128) {
                    end++;
                }
                for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(sb, b & 0xff);
                }
                i = end - 1;
            }
        }
    }

    private static void appendByte(StringBuilder sb, int b) {
        sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }
}
