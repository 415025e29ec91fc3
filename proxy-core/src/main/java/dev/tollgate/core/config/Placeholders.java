package dev.tollgate.core.config;

import java.util.regex.Pattern;

/** lura's rule for what is a placeholder in a backend url_pattern; the config checks and the backend use it alike. */
public final class Placeholders {
    /**
     * lura's {@code \{([\w\-\.:/]+)\}} (config/config.go): only these characters make a placeholder, any other
     * brace text ({@code {,id}}, {@code {}}) is literal. Java's {@code \w} is ASCII, as Go's is.
     */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([\\w\\-.:/]+)}");

    private Placeholders() {
    }
}
