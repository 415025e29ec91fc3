package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import java.util.List;

/**
 * The parse half of a feature configured by one {@code extra_config} namespace: its names, where in the file it
 * lives, and how its value becomes an immutable config record. The run-time half ({@code BackendExtension},
 * {@code EndpointExtension}) extends this, so the Netty-free config package never sees run-time types.
 *
 * @param <C> the immutable config record this namespace parses into
 */
public interface ConfigNamespace<C> {

    /**
     * Where a namespace is written: an endpoint's {@code extra_config}, a backend's, or the top-level one (a
     * setting of the whole gateway, such as {@code tollgate/token-cache}).
     */
    enum Level {
        ENDPOINT("an endpoint's"), BACKEND("a backend's"), GATEWAY("the top-level");

        private final String text;

        Level(String text) {
            this.text = text;
        }

        /** "an endpoint's" / "a backend's" / "the top-level", for messages. */
        public String text() {
            return text;
        }
    }

    /** The canonical namespace, e.g. {@code auth/client-credentials}. */
    String namespace();

    /** Older names accepted for the same namespace (krakend-ce's alias table). */
    default List<String> aliases() {
        return List.of();
    }

    /** Which {@code extra_config} it belongs in. */
    Level level();

    /**
     * Parses this namespace's value. Reports every problem to {@code problems} with its JSON path (never echoing a
     * secret) and returns null when the value is unusable.
     */
    C parse(JsonNode value, JsonPath path, ConfigProblems problems);
}
