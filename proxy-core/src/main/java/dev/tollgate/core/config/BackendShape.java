package dev.tollgate.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A backend's response manipulation keys, as written; only endpoints that are not {@code no-op} apply them (lura
 * does not decode a no-op answer).
 *
 * @param group        {@code group}: wrap the data under this key; null for none
 * @param target       {@code target}: a dot path to the object to answer with; null for none
 * @param allow        {@code allow}: dot paths to keep (when set, {@code deny} is ignored)
 * @param deny         {@code deny}: dot paths to remove
 * @param mapping      {@code mapping}: top-level renames, in file order
 * @param isCollection {@code is_collection}: the body is a JSON array, answered as {@code {"collection": [...]}}
 * @param flatmap      {@code extra_config.proxy.flatmap_filter}: {type, dot-path args}; when not empty lura
 *                     applies it instead of allow, deny and mapping
 */
public record BackendShape(String group, String target, List<String> allow, List<String> deny,
                           List<Map.Entry<String, String>> mapping, boolean isCollection,
                           List<Map.Entry<String, List<String>>> flatmap) {
    public static final BackendShape NONE = new BackendShape(null, null, List.of(), List.of(), List.of(), false);

    public BackendShape {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        mapping = List.copyOf(Objects.requireNonNull(mapping, "mapping"));
        flatmap = List.copyOf(Objects.requireNonNull(flatmap, "flatmap"));
    }

    /** Without flatmap_filter. */
    public BackendShape(String group, String target, List<String> allow, List<String> deny,
                        List<Map.Entry<String, String>> mapping, boolean isCollection) {
        this(group, target, allow, deny, mapping, isCollection, List.of());
    }
}
