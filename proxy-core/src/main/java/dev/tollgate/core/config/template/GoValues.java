package dev.tollgate.core.config.template;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.data.RawNumber;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a template works on, and what Go does with them. Settings are what {@code json.Unmarshal} into
 * {@code interface{}} gives KrakenD: an object is a {@code Map<String, Object>}, an array a {@code List<Object>}, a
 * number always a {@code Double} (Go's float64), plus {@code String}, {@code Boolean} and null. A number written in
 * a template is a {@code Long} (Go's int) or a {@code Double}. Null stands for both Go's nil and a missing key.
 */
final class GoValues {
    private GoValues() {
    }

    /** The settings value of a parsed JSON tree, as Go's json.Unmarshal into interface{} builds it. */
    static Object of(JsonNode node) {
        if (node instanceof JsonNode.JsonObject o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.fields().forEach((k, v) -> m.put(k, of(v)));
            return Collections.unmodifiableMap(m);
        }
        if (node instanceof JsonNode.JsonArray a) {
            List<Object> l = new ArrayList<>(a.items().size());
            a.items().forEach(v -> l.add(of(v)));
            return Collections.unmodifiableList(l);
        }
        if (node instanceof JsonNode.JsonString s) {
            return s.value();
        }
        if (node instanceof JsonNode.JsonNumber n) {
            return n.value().doubleValue();
        }
        if (node instanceof JsonNode.JsonBoolean b) {
            return b.value();
        }
        return null;
    }

    /** text/template's truth: false, 0, nil, and empty strings, maps and arrays are false. */
    static boolean truth(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }

    /** Go's type name, for error messages. */
    static String typeName(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Map<?, ?>) {
            return "map[string]interface {}";
        }
        return "[]interface {}";
    }

    /** {@code fmt.Sprint(v)}: what {@code {{ v }}} prints. Maps print with sorted keys, nil inside as {@code <nil>}. */
    static String print(Object v) {
        StringBuilder sb = new StringBuilder();
        print(sb, v);
        return sb.toString();
    }

    private static void print(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("<nil>");
        } else if (v instanceof Double d) {
            sb.append(formatFloat(d));
        } else if (v instanceof Map<?, ?> m) {
            sb.append("map[");
            List<String> keys = sortedKeys(m);
            for (int k = 0; k < keys.size(); k++) {
                if (k > 0) {
                    sb.append(' ');
                }
                sb.append(keys.get(k)).append(':');
                print(sb, m.get(keys.get(k)));
            }
            sb.append(']');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int k = 0; k < l.size(); k++) {
                if (k > 0) {
                    sb.append(' ');
                }
                print(sb, l.get(k));
            }
            sb.append(']');
        } else {
            sb.append(v);
        }
    }

    /** Map keys in Go's order (fmt and range sort string keys by their bytes, which is code point order). */
    static List<String> sortedKeys(Map<?, ?> m) {
        List<String> keys = new ArrayList<>(m.size());
        m.keySet().forEach(k -> keys.add((String) k));
        keys.sort((a, b) -> {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Boolean.compare(i < a.length(), j < b.length());
        });
        return keys;
    }

    /** {@code json.Marshal(v)}'s value model for {@link dev.tollgate.core.data.DataWriter}. */
    static Object forJson(Object v) {
        if (v instanceof Double d) {
            return new RawNumber(jsonFloat(d));
        }
        if (v instanceof Long l) {
            return new RawNumber(Long.toString(l));
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, forJson(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(forJson(x)));
            return out;
        }
        return v;
    }

    /** fmt's {@code %v} of a float64 (strconv's 'g', shortest): exponent form below 1e-4 and from 1e6 up. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal s = shortest(d);
        int exp = s.precision() - s.scale() - 1;
        // strconv: "if precision was the shortest possible, use precision 6 for this decision", so a settings
        // value of 1000000 prints as 1e+06 in Go, and here.
        if (exp < -4 || exp >= 6) {
            return exponent(s, exp, true);
        }
        return s.toPlainString();
    }

    /** encoding/json's float64: %f, or %e from 1e21 and below 1e-6 with a one-digit exponent kept short. */
    static String jsonFloat(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal s = shortest(d);
        double abs = Math.abs(d);
        if (abs < 1e-6 || abs >= 1e21) {
            return exponent(s, s.precision() - s.scale() - 1, false);
        }
        return s.toPlainString();
    }

    /** d.ddde+XX (Go pads the exponent to two digits; encoding/json does not). */
    private static String exponent(BigDecimal s, int exp, boolean padTwo) {
        String digits = s.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (s.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (padTwo && a < 10) {
            sb.append('0');
        }
        return sb.append(a).toString();
    }

    /**
     * The shortest decimal that reads back as {@code d}, as Go's strconv finds it. JDK 17's Double.toString is not
     * always the shortest, so the exact value is rounded to 1..17 significant digits until one round-trips.
     */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
