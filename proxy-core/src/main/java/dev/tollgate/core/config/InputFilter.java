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
}
