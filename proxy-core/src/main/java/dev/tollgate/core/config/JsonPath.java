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

    private JsonPath(String text) {
        this.text = text;
    }

    public JsonPath key(String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return new JsonPath(text.isEmpty() ? key : text + "." + key);
        }
        return new JsonPath(text + "[\"" + key.replace("\"", "\\\"") + "\"]");
    }

    public JsonPath index(int i) {
        return new JsonPath(text + "[" + i + "]");
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
