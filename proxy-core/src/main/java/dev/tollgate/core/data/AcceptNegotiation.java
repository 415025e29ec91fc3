package dev.tollgate.core.data;

/**
 * lura's {@code negotiatedRender} ({@code router/gin/render.go}): gin's {@code NegotiateFormat(application/json,
 * text/plain, application/xml, application/x-yaml)} over the request's first {@code Accept} header (gin v1.12.0,
 * {@code context.go} and {@code utils.go parseAccept}), then xml for application/xml, yaml for text/plain and
 * application/x-yaml, json for anything else.
 *
 * <p>gin's matching, kept as it is: the header is split at commas, each part cut at its first {@code ;} (if not
 * at its start) and trimmed; {@code q} values are ignored, the parts are tried in the order written; a part matches
 * an offer when they agree up to a {@code *} in either, or when the part is a prefix of the offer; no part, or no
 * header, is json. So {@code application/yaml} (no x-) gets json, as in KrakenD.
 */
public final class AcceptNegotiation {
    private static final String[] OFFERS = {"application/json", "text/plain", "application/xml",
        "application/x-yaml"};
    private static final OutputEncoding[] RENDERS = {OutputEncoding.JSON, OutputEncoding.YAML, OutputEncoding.XML,
        OutputEncoding.YAML};

    private AcceptNegotiation() {
    }

    /** The render for a request's first Accept header (null when it has none). */
    public static OutputEncoding choose(String accept) {
        if (accept == null) {
            return OutputEncoding.JSON;
        }
        int start = 0;
        while (start <= accept.length()) {
            int comma = accept.indexOf(',', start);
            int end = comma < 0 ? accept.length() : comma;
            String part = accept.substring(start, end);
            int semicolon = part.indexOf(';');
            if (semicolon > 0) {
                part = part.substring(0, semicolon);
            }
            part = trimSpace(part);
            if (!part.isEmpty()) {
                for (int o = 0; o < OFFERS.length; o++) {
                    if (matches(part, OFFERS[o])) {
                        return RENDERS[o];
                    }
                }
            }
            start = end + 1;
        }
        return OutputEncoding.JSON; // gin's "" (nothing matched) falls to lura's default: json
    }

    private static boolean matches(String accepted, String offer) {
        int i = 0;
        for (; i < accepted.length() && i < offer.length(); i++) {
            char a = accepted.charAt(i);
            if (a == '*' || offer.charAt(i) == '*') {
                return true;
            }
            if (a != offer.charAt(i)) {
                break;
            }
        }
        return i == accepted.length();
    }

    /**
     * Go's strings.TrimSpace over the header's bytes (Netty hands them over one char per byte): ASCII white space,
     * and the UTF-8 encodings of U+0085 and U+00A0, the other Unicode spaces being three bytes long.
     */
    private static String trimSpace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to) {
            char c = s.charAt(from);
            if (asciiSpace(c)) {
                from++;
            } else if (from + 1 < to && nbsp(c, s.charAt(from + 1))) {
                from += 2;
            } else if (from + 2 < to && threeByteSpace(s.charAt(from), s.charAt(from + 1), s.charAt(from + 2))) {
                from += 3;
            } else {
                break;
            }
        }
        while (to > from) {
            char c = s.charAt(to - 1);
            if (asciiSpace(c)) {
                to--;
            } else if (to - 2 >= from && nbsp(s.charAt(to - 2), c)) {
                to -= 2;
            } else if (to - 3 >= from && threeByteSpace(s.charAt(to - 3), s.charAt(to - 2), c)) {
                to -= 3;
            } else {
                break;
            }
        }
        return s.substring(from, to);
    }

    private static boolean asciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** U+0085 and U+00A0 as UTF-8. */
    private static boolean nbsp(char a, char b) {
        return a == 0xC2 && (b == 0x85 || b == 0xA0);
    }

    /** U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and U+3000 as UTF-8 (Go's unicode.IsSpace). */
    private static boolean threeByteSpace(char a, char b, char c) {
        if (a > 0xFF || b > 0xFF || c > 0xFF) {
            return false;
        }
        int cp = ((a & 0x0F) << 12) | ((b & 0x3F) << 6) | (c & 0x3F);
        if ((a & 0xF0) != 0xE0 || (b & 0xC0) != 0x80 || (c & 0xC0) != 0x80) {
            return false;
        }
        return cp == 0x1680 || cp >= 0x2000 && cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }
}
