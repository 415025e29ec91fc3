package dev.tollgate.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * An endpoint path such as {@code /users/{id}/orders}, split once at startup into literal and parameter segments.
 * A parameter binds exactly one non-empty segment (as KrakenD's router does); values are kept raw (not
 * percent-decoded) so they can be substituted into a backend URL unchanged.
 */
public final class PathTemplate {
    private final String text;
    /** One entry per segment: the literal text, or null for a parameter. */
    private final String[] literals;
    private final String[] paramNames;

    private PathTemplate(String text, String[] literals, String[] paramNames) {
        this.text = text;
        this.literals = literals;
        this.paramNames = paramNames;
    }

    /** @throws IllegalArgumentException when the path does not start with '/' or has a malformed placeholder */
    public static PathTemplate parse(String path) {
        requireNonNull(path, "path");
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("path: \"" + path + "\" (expected: starts with /)");
        }
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int pos = 1;
        while (true) {
            int end = path.indexOf('/', pos);
            String segment = path.substring(pos, end < 0 ? path.length() : end);
            if (segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}') {
                String name = segment.substring(1, segment.length() - 1);
                if (names.contains(name)) {
                    throw new IllegalArgumentException("path: \"" + path + "\" binds {" + name + "} twice");
                }
                literals.add(null);
                names.add(name);
            } else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
                throw new IllegalArgumentException("path: \"" + path + "\" has a malformed placeholder in \""
                        + segment + "\" (expected: a whole segment such as {id})");
            } else {
                literals.add(segment);
            }
            if (end < 0) {
                break;
            }
            pos = end + 1;
        }
        return new PathTemplate(path, literals.toArray(new String[0]), names.toArray(new String[0]));
    }

    public String text() {
        return text;
    }

    public boolean isStatic() {
        return paramNames.length == 0;
    }

    public List<String> paramNames() {
        return List.of(paramNames);
    }

    public int paramCount() {
        return paramNames.length;
    }

    /** Index of the named parameter, or -1. */
    public int paramIndex(String name) {
        for (int i = 0; i < paramNames.length; i++) {
            if (paramNames[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Matches {@code path} (no query) segment by segment, writing parameter values into {@code values} in
     * declaration order. Allocates only the parameter value strings.
     */
    public boolean match(String path, String[] values) {
        int len = path.length();
        if (len == 0 || path.charAt(0) != '/') {
            return false;
        }
        int pos = 1;
        int param = 0;
        int last = literals.length - 1;
        for (int i = 0; i <= last; i++) {
            int end = path.indexOf('/', pos);
            if (end < 0) {
                if (i != last) {
                    return false;
                }
                end = len;
            } else if (i == last) {
                return false;
            }
            String literal = literals[i];
            if (literal == null) {
                if (end == pos || isDotSegment(path, pos, end)) {
                    return false;
                }
                values[param++] = path.substring(pos, end);
            } else if (literal.length() != end - pos || !path.regionMatches(pos, literal, 0, literal.length())) {
                return false;
            }
            pos = end + 1;
        }
        return true;
    }

    /** Number of segments ('/'-separated parts after the leading '/'). */
    int segmentCount() {
        return literals.length;
    }

    /** The literal text of segment {@code i}, or null when it is a parameter. */
    String literal(int i) {
        return literals[i];
    }

    /**
     * {@code .} or {@code ..}, also percent-encoded: bound into a {@code url_pattern} it would let a client walk
     * up the backend's path ({@code /users/..} to {@code /internal/users/..}, which the origin may resolve to
     * {@code /internal/}), so such a segment matches no parameter.
     */
    static boolean isDotSegment(String path, int start, int end) {
        int dots = 0;
        int i = start;
        while (i < end) {
            if (path.charAt(i) == '.') {
                i++;
            } else if (i + 3 <= end && path.regionMatches(true, i, "%2e", 0, 3)) {
                i += 3;
            } else {
                return false;
            }
            dots++;
        }
        return dots <= 2;
    }

    /**
     * Parameter values of a {@code path} already known to match (the router's trie checked it), in declaration
     * order: the only allocation of a templated route.
     */
    String[] bind(String path) {
        String[] values = new String[paramNames.length];
        int pos = 1;
        int param = 0;
        for (int i = 0; param < values.length; i++) {
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = path.length();
            }
            if (literals[i] == null) {
                values[param++] = path.substring(pos, end);
            }
            pos = end + 1;
        }
        return values;
    }

    @Override
    public String toString() {
        return text;
    }
}
