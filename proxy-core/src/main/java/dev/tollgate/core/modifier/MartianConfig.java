package dev.tollgate.core.modifier;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The supported part of a backend's {@code modifier/martian} block, flattened: the header sets to apply to the
 * backend request and to the backend response, in the order martian's fifo.Group would run them.
 */
public record MartianConfig(List<HeaderSet> request, List<HeaderSet> response) {

    public MartianConfig {
        request = List.copyOf(request);
        response = List.copyOf(response);
    }

    public boolean isEmpty() {
        return request.isEmpty() && response.isEmpty();
    }

    /** One {@code header.Modifier}: {@code Header.Set(name, value)}, replacing every existing value. */
    public record HeaderSet(String name, String value) {
        public HeaderSet {
            requireNonNull(name, "name");
            requireNonNull(value, "value");
        }
    }
}
