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
        // File order, so what check lists reads like the config; unmodifiable, never null values.
        this.byNamespace = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byNamespace));
    }

    /**
     * The config {@code namespace} parsed for this place, or null. Typed by construction: the registry stores under
     * a namespace's canonical name exactly what that namespace's {@link ConfigNamespace#parse} returned, so callers
     * never cast.
     */
    @SuppressWarnings("unchecked")
    public <C> C get(ConfigNamespace<C> namespace) {
        return (C) byNamespace.get(namespace.namespace());
    }

    /** The canonical names of the namespaces configured here, for display. */
    public java.util.Set<String> namespaces() {
        return byNamespace.keySet();
    }

    public boolean isEmpty() {
        return byNamespace.isEmpty();
    }

    /** The config stored under {@code namespace} if it is a {@code type}, or null. */
    public <T> T get(String namespace, Class<T> type) {
        Object value = byNamespace.get(namespace);
        return type.isInstance(value) ? type.cast(value) : null;
    }

    public boolean contains(String namespace) {
        return byNamespace.containsKey(namespace);
    }

    @Override
    public String toString() {
        // Each value's own toString redacts its secrets.
        return byNamespace.toString();
    }
}
