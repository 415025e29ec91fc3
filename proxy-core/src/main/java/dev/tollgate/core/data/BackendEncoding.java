package dev.tollgate.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A backend's {@code encoding}: how its body becomes data, as lura's decoders ({@code encoding/encoding.go}) do it.
 * Every decoder yields an object (lura's {@code map[string]interface{}}); null is the nil map a JSON {@code null}
 * leaves behind.
 */
public enum BackendEncoding {
    /** lura's default: the body must be a JSON object (or, with {@code is_collection}, an array). */
    JSON("json"),
    /** Any JSON: an object as it is, an array under {@code collection}, anything else under {@code content}. */
    SAFE_JSON("safejson"),
    /** The whole body as text under {@code content}. */
    STRING("string"),
    /**
     * krakend-xml's decoder (registered by KrakenD CE): the first element as mxj maps it ({@link XmlReader}); with
     * {@code is_collection}, that map under {@code collection}.
     */
    XML("xml"),
    /** Not decoded: in a data endpoint the backend contributes nothing and any status counts (lura's no-op). */
    NO_OP("no-op");

    public static final String COLLECTION = "collection";
    public static final String CONTENT = "content";

    private final String configName;

    BackendEncoding(String configName) {
        this.configName = configName;
    }

    /** The encoding a config names (lura lower-cases it), or null when Tollgate has no such decoder. */
    public static BackendEncoding byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (BackendEncoding e : values()) {
            if (e.configName.equals(lower)) {
                return e;
            }
        }
        return null;
    }

    public String configName() {
        return configName;
    }

    /**
     * Decodes a whole body.
     *
     * @param isCollection the backend's {@code is_collection}: with {@link #JSON}, the body must be an array
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> decode(InputStream body, boolean isCollection) throws BadDataException {
        switch (this) {
            case JSON -> {
                Object v = DataReader.read(body);
                if (isCollection) {
                    if (v != null && !(v instanceof List<?>)) {
                        throw new BadDataException("is_collection is set, but the body is " + typeName(v)
                                + ", not a JSON array");
                    }
                    return wrap(COLLECTION, v);
                }
                if (v != null && !(v instanceof Map<?, ?>)) {
                    throw new BadDataException("the body is " + typeName(v) + ", not a JSON object"
                            + (v instanceof List<?> ? " (is_collection turns an array into {\"collection\": [...]})"
                            : ""));
                }
                return (Map<String, Object>) v;
            }
            case SAFE_JSON -> {
                Object v = DataReader.read(body);
                if (v instanceof Map<?, ?> m) {
                    return (Map<String, Object>) m;
                }
                return wrap(v instanceof List<?> ? COLLECTION : CONTENT, v);
            }
            case XML -> {
                Map<String, Object> m = XmlReader.read(body);
                return isCollection ? wrap(COLLECTION, m) : m;
            }
            case STRING -> {
                try {
                    return wrap(CONTENT, new String(body.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new BadDataException("cannot read the body: " + e.getMessage());
                }
            }
            default -> {
                return new HashMap<>();
            }
        }
    }

    private static Map<String, Object> wrap(String key, Object v) {
        Map<String, Object> m = new HashMap<>(2);
        m.put(key, v);
        return m;
    }

    static String typeName(Object v) {
        if (v instanceof List<?>) {
            return "an array";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof RawNumber) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return v instanceof Map<?, ?> ? "an object" : "null";
    }
}
