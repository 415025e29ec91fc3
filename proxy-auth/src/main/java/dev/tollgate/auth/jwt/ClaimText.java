package dev.tollgate.auth.jwt;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A claim as header text, the way krakend-jose's {@code Claims.Get} / {@code Claims.List} write it for
 * {@code propagate_claims}: strings as they are, whole numbers without a decimal point, other numbers with six
 * decimals ({@code %f}), arrays joined with commas (or one value each with {@code propagate_claims_preserve_array}),
 * anything else as JSON. A missing claim is the empty string, which still replaces what the client sent.
 * The same text fills a url_pattern's {@code {JWT.x}} ({@link #param}), where the core percent-encodes it.
 */
final class ClaimText {
    private static final double EPSILON = 1e-6;

    private ClaimText() {
    }

    static String of(Object claim) {
        return headerSafe(joined(claim));
    }

    private static String joined(Object claim) {
        if (claim instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(element(list.get(i)));
            }
            return sb.toString();
        }
        return scalar(claim);
    }

    /**
     * A present claim as krakend-jose's {@code Claims.Get} gives it for a {@code {JWT.x}} placeholder: as for a
     * header, but control characters stay (the URL encoding takes care of them) and a JSON {@code null} is
     * {@code null} ({@code json.Marshal(nil)}).
     */
    static String param(Object claim) {
        return claim == null ? "null" : joined(claim);
    }

    static List<String> list(Object claim) {
        if (claim instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(headerSafe(element(item)));
            }
            return out;
        }
        return List.of(headerSafe(scalar(claim)));
    }

    /**
     * Control characters become spaces: a claim is text the token's issuer chose, and a CR or LF in a header value
     * would split the backend request (Go's client refuses such a value and KrakenD answers 500).
     */
    static String headerSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                StringBuilder sb = new StringBuilder(text);
                for (int j = i; j < sb.length(); j++) {
                    char d = sb.charAt(j);
                    if (d < 0x20 && d != '\t' || d == 0x7f) {
                        sb.setCharAt(j, ' ');
                    }
                }
                return sb.toString();
            }
        }
        return text;
    }

    private static String scalar(Object claim) {
        if (claim == null) {
            return "";
        }
        if (claim instanceof String s) {
            return s;
        }
        if (claim instanceof Number n) {
            double v = n.doubleValue();
            double r = Math.rint(v);
            if (Math.abs(v - r) <= EPSILON) {
                return n instanceof Long || n instanceof Integer ? n.toString() : Long.toString((long) r);
            }
            return String.format(Locale.ROOT, "%f", v);
        }
        return json(claim);
    }

    /**
     * Go's {@code %v} of one array item: exact for strings, numbers (a float64 to Go, so {@code 1e+06}) booleans and
     * {@code null} ({@code <nil>}); a nested object or array is written as JSON where Go writes {@code map[k:v]}.
     */
    private static String element(Object item) {
        if (item instanceof String s) {
            return s;
        }
        if (item instanceof Number n) {
            return GoFloat.formatV(n.doubleValue());
        }
        if (item instanceof Boolean b) {
            return b.toString();
        }
        if (item == null) {
            return "<nil>";
        }
        return json(item);
    }

    @SuppressWarnings("unchecked")
    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return JSONObjectUtils.toJSONString((Map<String, ?>) map);
        }
        return String.valueOf(value);
    }
}
