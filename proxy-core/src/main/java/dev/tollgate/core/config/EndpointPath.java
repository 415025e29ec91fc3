package dev.tollgate.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Validates an endpoint path such as {@code /users/{id}/orders/{order-id}} and extracts its parameter names. Rules
 * are lura's: a parameter is a whole segment {@code {name}} whose name uses letters, digits, {@code _} or
 * {@code -}; names are unique; the built-in {@code /__health}, {@code /__echo} and {@code /__debug} trees are
 * reserved.
 */
final class EndpointPath {
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final List<String> RESERVED = List.of("/__health", "/__echo", "/__debug");

    private EndpointPath() {
    }

    /**
     * Reports every problem of {@code path} at {@code at} and returns its parameter names in path order (valid
     * ones only).
     */
    static List<String> params(String path, JsonPath at, ConfigProblems problems) {
        if (!path.startsWith("/")) {
            problems.error(at, "\"" + path + "\" must start with '/'");
            return List.of();
        }
        if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
            problems.error(at, "\"" + path + "\" must be a path only, without '?' or '#' "
                    + "(use input_query_strings to forward query parameters)");
        }
        for (String reserved : RESERVED) {
            if (path.equals(reserved) || path.startsWith(reserved + "/")) {
                problems.error(at, "\"" + path + "\" is reserved for Tollgate's built-in " + reserved
                        + " endpoint");
            }
        }
        List<String> params = new ArrayList<>();
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.indexOf('{') < 0 && segment.indexOf('}') < 0) {
                continue;
            }
            String name = segment.length() >= 2 && segment.startsWith("{") && segment.endsWith("}")
                    ? segment.substring(1, segment.length() - 1) : null;
            if (name == null || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
                problems.error(at, "segment \"" + segment + "\" of \"" + path
                        + "\": a parameter must be a whole segment such as {id}");
            } else if (!PARAM_NAME.matcher(name).matches()) {
                problems.error(at, "parameter {" + name + "} of \"" + path
                        + "\": names use only letters, digits, '_' and '-'");
            } else if (params.contains(name)) {
                problems.error(at, "parameter {" + name + "} appears twice in \"" + path + "\"");
            } else {
                params.add(name);
            }
        }
        return List.copyOf(params);
    }

    /**
     * The route shape used to find duplicates: parameter names do not matter to a router, so {@code /a/{x}} and
     * {@code /a/{y}} are the same route.
     */
    static String shape(String path) {
        StringJoiner joined = new StringJoiner("/");
        for (String segment : path.split("/", -1)) {
            joined.add(segment.startsWith("{") && segment.endsWith("}") ? "{}" : segment);
        }
        return joined.toString();
    }
}
