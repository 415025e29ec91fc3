package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonNode.JsonArray;
import dev.tollgate.core.config.json.JsonNode.JsonBoolean;
import dev.tollgate.core.config.json.JsonNode.JsonNull;
import dev.tollgate.core.config.json.JsonNode.JsonNumber;
import dev.tollgate.core.config.json.JsonNode.JsonObject;
import dev.tollgate.core.config.json.JsonNode.JsonString;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, path-aware reads of one JSON object of the config. Every wrong type or value is reported to
 * {@link ConfigProblems} with its JSON path and a default is returned, so loading goes on and all errors are listed
 * together. Keys that were never read are reported once each by {@link #warnUnknownKeys()}.
 */
public final class ConfigObject {
    private final JsonObject node;
    private final JsonPath path;
    private final ConfigProblems problems;
    private final Set<String> read = new HashSet<>();

    private ConfigObject(JsonObject node, JsonPath path, ConfigProblems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Wraps {@code node}; reports an error and returns an empty object when it is not a JSON object. */
    public static ConfigObject of(JsonNode node, JsonPath path, ConfigProblems problems) {
        if (node instanceof JsonObject obj) {
            return new ConfigObject(obj, path, problems);
        }
        problems.error(path, "expected an object, got " + node.typeName());
        return new ConfigObject(new JsonObject(Map.of()), path, problems);
    }

    /** {@code @comment} and other {@code @}-prefixed keys, which KrakenD's schema allows anywhere. */
    public static boolean isComment(String key) {
        return key.startsWith("@");
    }

    public JsonPath path() {
        return path;
    }

    public JsonPath path(String key) {
        return path.key(key);
    }

    public ConfigProblems problems() {
        return problems;
    }

    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && v != JsonNull.INSTANCE;
    }

    /** The raw value (null when absent) and marks the key as known. */
    public JsonNode raw(String key) {
        read.add(key);
        return node.get(key);
    }

    /** Whether a reader asked for {@code key} already. */
    public boolean wasRead(String key) {
        return read.contains(key);
    }

    /** All keys in file order. */
    public Set<String> keys() {
        return node.fields().keySet();
    }

    public String string(String key, String defaultValue) {
        JsonNode v = raw(key);
        if (v == null || v == JsonNull.INSTANCE) {
            return defaultValue;
        }
        if (v instanceof JsonString s) {
            return s.value();
        }
        problems.error(path(key), "expected a string, got " + v.typeName());
        return defaultValue;
    }

    /** A string that must be present and non-empty. */
    public String requiredString(String key) {
        if (!has(key)) {
            raw(key);
            problems.error(path(key), "is required");
            return null;
        }
        String s = string(key, null);
        if (s != null && s.isEmpty()) {
            problems.error(path(key), "must not be empty");
        }
        return s;
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode v = raw(key);
        if (v == null || v == JsonNull.INSTANCE) {
            return defaultValue;
        }
        if (v instanceof JsonBoolean b) {
            return b.value();
        }
        problems.error(path(key), "expected a boolean (true or false), got " + v.typeName());
        return defaultValue;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        JsonNode v = raw(key);
        if (v == null || v == JsonNull.INSTANCE) {
            return defaultValue;
        }
        if (v instanceof JsonNumber n && n.integral()) {
            // Compared as BigDecimal: longValue() would wrap a huge literal into the range.
            BigDecimal value = n.value();
            if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
                problems.error(path(key), value.toPlainString() + " is out of range (expected " + min + ".." + max
                        + ")");
                return defaultValue;
            }
            return value.intValueExact();
        }
        problems.error(path(key), "expected an integer, got " + v.typeName());
        return defaultValue;
    }

    /** A Go-syntax duration string ("2s"); a bare integer is taken as nanoseconds, as Go's JSON decoding does. */
    public Duration duration(String key, Duration defaultValue) {
        JsonNode v = raw(key);
        if (v == null || v == JsonNull.INSTANCE) {
            return defaultValue;
        }
        if (v instanceof JsonNumber n && n.integral()) {
            try {
                return Duration.ofNanos(n.value().longValueExact());
            } catch (ArithmeticException e) {
                problems.error(path(key), n.value().toPlainString() + " nanoseconds is out of range");
                return defaultValue;
            }
        }
        if (!(v instanceof JsonString s)) {
            problems.error(path(key), "expected a duration string such as \"2s\", got " + v.typeName());
            return defaultValue;
        }
        try {
            return GoDuration.parse(s.value());
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.error(path(key), e.getMessage());
            return defaultValue;
        }
    }

    /** A positive duration; zero or negative is an error. */
    public Duration positiveDuration(String key, Duration defaultValue) {
        Duration d = duration(key, defaultValue);
        if (d != null && (d.isZero() || d.isNegative())) {
            problems.error(path(key), "must be a positive duration, got \"" + GoDuration.format(d) + "\"");
            return defaultValue;
        }
        return d;
    }

    /** An array of strings; absent gives an empty list. */
    public List<String> stringList(String key) {
        JsonNode v = raw(key);
        if (v == null || v == JsonNull.INSTANCE) {
            return List.of();
        }
        return stringList(v, path(key), problems);
    }

    /** Reads {@code v} as an array of strings, reporting each non-string item. */
    public static List<String> stringList(JsonNode v, JsonPath at, ConfigProblems problems) {
        if (!(v instanceof JsonArray arr)) {
            problems.error(at, "expected an array of strings, got " + v.typeName());
            return List.of();
        }
        List<String> out = new ArrayList<>(arr.items().size());
        for (int i = 0; i < arr.items().size(); i++) {
            JsonNode item = arr.items().get(i);
            if (item instanceof JsonString s) {
                out.add(s.value());
            } else {
                problems.error(at.index(i), "expected a string, got " + item.typeName());
            }
        }
        return List.copyOf(out);
    }

    /** A nested object, or null when absent. */
    public ConfigObject object(String key) {
        JsonNode v = raw(key);
        if (v == null || v == JsonNull.INSTANCE) {
            return null;
        }
        return of(v, path(key), problems);
    }

    /** A nested array's items, or an empty list when absent. */
    public List<JsonNode> array(String key) {
        JsonNode v = raw(key);
        if (v == null || v == JsonNull.INSTANCE) {
            return List.of();
        }
        if (v instanceof JsonArray arr) {
            return arr.items();
        }
        problems.error(path(key), "expected an array, got " + v.typeName());
        return List.of();
    }

    /**
     * One warning for each key that no reader asked for: KrakenD accepts many keys Tollgate does not use yet.
     * {@code @}-prefixed keys ({@code @comment}) are comments, which KrakenD's schema allows anywhere.
     */
    public void warnUnknownKeys() {
        for (String key : node.fields().keySet()) {
            if (!read.contains(key) && !isComment(key)) {
                problems.warn(path(key), "unknown or unsupported key, ignored");
            }
        }
    }
}
