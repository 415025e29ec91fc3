package dev.tollgate.core.config;

import java.util.Set;

/**
 * KrakenD's zero-trust allow-list for {@code input_headers} and {@code input_query_strings}: nothing passes unless
 * named, and {@code ["*"]} lets everything through. Header names are stored lower-case (matched
 * case-insensitively); query names keep their case (matched exactly).
 */
public record InputFilter(boolean all, Set<String> names) {
    public static final InputFilter NONE = new InputFilter(false, Set.of());
    public static final InputFilter ALL = new InputFilter(true, Set.of());

    public InputFilter {
        names = Set.copyOf(names);
    }

    public boolean allows(String name) {
        return all || names.contains(name);
    }

    /**
     * What passes both filters: a backend's own {@code input_headers} / {@code input_query_strings} narrow what
     * its endpoint lets through (lura's NewFilterHeadersMiddleware); they never widen it.
     */
    public InputFilter and(InputFilter other) {
        if (all) {
            return other;
        }
        if (other.all) {
            return this;
        }
        Set<String> both = new java.util.LinkedHashSet<>(names);
        both.retainAll(other.names);
        return new InputFilter(false, both);
    }
}
