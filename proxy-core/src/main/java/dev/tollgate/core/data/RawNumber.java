package dev.tollgate.core.data;

import static java.util.Objects.requireNonNull;

/**
 * A JSON number kept as the backend wrote it: lura decodes with {@code UseNumber}, so KrakenD writes {@code 1.50}
 * or {@code 1e3} back unchanged and never rounds a big integer through a double. Neither does Tollgate.
 */
public record RawNumber(String text) {
    public RawNumber {
        requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
