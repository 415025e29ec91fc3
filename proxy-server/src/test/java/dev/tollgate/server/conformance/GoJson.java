package dev.tollgate.server.conformance;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonTreeReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON as Go's encoding/json sees it, which is what the KrakenD suite compares with: {@link #decode} gives the
 * value {@code json.Unmarshal} into {@code interface{}} gives (objects are unordered maps, every number a float64),
 * so {@code equals} is {@code reflect.DeepEqual}; {@link #encode} writes what {@code json.Marshal} or
 * {@code json.Encoder} writes (keys sorted, {@code <>&} escaped as HTML-safe {@code \u003c...}).
 */
final class GoJson {
    private GoJson() {
    }

    /** The decoded value, or null when the text is not one JSON document (Go's Unmarshal error is ignored). */
    static Object decode(String text) {
        try {
            return fromTree(JsonTreeReader.read(text));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A spec's JSON value as Go's Unmarshal into interface{} leaves it. */
    static Object fromTree(JsonNode node) {
        if (node instanceof JsonNode.JsonObject o) {
            Map<String, Object> m = new HashMap<>();
            o.fields().forEach((k, v) -> m.put(k, fromTree(v)));
            return m;
        }
        if (node instanceof JsonNode.JsonArray a) {
            List<Object> l = new ArrayList<>();
            a.items().forEach(i -> l.add(fromTree(i)));
            return l;
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

    /** json.Marshal of maps, lists, strings, numbers, booleans and null. */
    static String encode(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) { // Go sorts map keys
                sb.append(first ? "" : ",");
                first = false;
                string(sb, (String) e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                write(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Double d) {
            sb.append(float64(d));
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    /** strconv.FormatFloat(f, 'f', -1, 64) in Go's plain range, exponent form outside it (as encoding/json). */
    private static String float64(double d) {
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            // 1e+21, 1e-7: encoding/json trims Go's two-digit negative exponent to one
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toString().replace("E", "e");
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // HTML-safe, as Go's default encoder, and U+2028/U+2029 for JavaScript
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
