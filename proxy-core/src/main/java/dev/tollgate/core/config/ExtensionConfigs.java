package dev.tollgate.core.config;

import java.util.Map;

/**
 * The parsed {@code extra_config} of an endpoint or a backend: canonical namespace to the immutable config record the
 * namespace's extension produced. Namespaces no extension understood are warned about and not kept here.
 */
public final class ExtensionConfigs {
    public static final ExtensionConfigs EMPTY = new ExtensionConfigs(Map.of());

    private final Map<String, Object> byNamespace;

    public ExtensionConfigs(Map<String, Object> byNamespace) {
        this.byNamespace = Map.copyOf(byNamespace);
    }

    /** The config stored under {@code namespace}, or null. */
    public <T> T get(String namespace, Class<T> type) {
        Object value = byNamespace.get(namespace);
        return type.isInstance(value) ? type.cast(value) : null;
    }

    public boolean contains(String namespace) {
        return byNamespace.containsKey(namespace);
    }

    public Map<String, Object> asMap() {
        return byNamespace;
    }

    @Override
    public String toString() {
        // Each value's own toString redacts its secrets.
        return byNamespace.toString();
    }
}
