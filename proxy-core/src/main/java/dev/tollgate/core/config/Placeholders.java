package dev.tollgate.core.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** lura's rule for what is a placeholder in a backend url_pattern; the config checks and the backend use it alike. */
public final class Placeholders {
    /**
     * lura's {@code \{([\w\-\.:/]+)\}} (config/config.go): only these characters make a placeholder, any other
     * brace text ({@code {,id}}, {@code {}}) is literal. Java's {@code \w} is ASCII, as Go's is.
     */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([\\w\\-.:/]+)}");

    /** krakend-jose's prefix: {@code {JWT.sub}} is the verified token's {@code sub} claim. */
    public static final String JWT_PREFIX = "JWT.";

    /** The endpoint namespaces whose validator fills {@code {JWT.x}} (KrakenD's and krakend-jose's legacy name). */
    public static final List<String> JWT_VALIDATOR = List.of("auth/validator",
            "github.com/devopsfaith/krakend-jose/validator");

    private Placeholders() {
    }

    /** Every {@code {JWT.x}} placeholder of these url_patterns, each once, in order of appearance (with prefix). */
    public static List<String> jwt(List<BackendConfig> backends) {
        Set<String> names = new LinkedHashSet<>();
        for (BackendConfig b : backends) {
            Matcher m = PLACEHOLDER.matcher(b.urlPattern());
            while (m.find()) {
                if (isJwt(m.group(1))) {
                    names.add(m.group(1));
                }
            }
        }
        return List.copyOf(names);
    }

    /** lura's {@code JWT\.([\w\-\.:/]+)}: the prefix and at least one character of claim name. */
    public static boolean isJwt(String name) {
        return name.length() > JWT_PREFIX.length() && name.startsWith(JWT_PREFIX);
    }
}
