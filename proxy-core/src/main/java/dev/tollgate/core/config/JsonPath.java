package dev.tollgate.core.config;

import java.util.regex.Pattern;

/**
 * Where a value sits in the config file, printed the way users read it:
 * {@code endpoints[2].backend[0].extra_config["auth/client-credentials"].token_url}.
 */
public final class JsonPath {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");
    public static final JsonPath ROOT = new JsonPath("");

    private final String text;
    /** The {@code endpoints[i]} this path is inside, or -1: features are counted per endpoint. */
    private final int endpoint;

    private JsonPath(String text, int endpoint) {
        this.text = text;
        this.endpoint = endpoint;
    }

    private JsonPath(String text) {
        this(text, -1);
    }

    public JsonPath key(String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return new JsonPath(text.isEmpty() ? key : text + "." + key, endpoint);
        }
        return new JsonPath(text + "[\"" + key.replace("\"", "\\\"") + "\"]", endpoint);
    }

    public JsonPath index(int i) {
        return new JsonPath(text + "[" + i + "]", text.equals("endpoints") ? i : endpoint);
    }

    /** The index of the endpoint this path is inside ({@code endpoints[i]...}), or -1 at the gateway level. */
    public int endpoint() {
        return endpoint;
    }

    public boolean isRoot() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "$" : text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
