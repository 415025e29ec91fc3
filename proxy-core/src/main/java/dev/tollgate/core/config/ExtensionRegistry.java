package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.BackendExtension;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the {@link BackendExtension} for each backend {@code extra_config} namespace (by its canonical name or an
 * alias) and lets it parse its value. Results are stored under the canonical namespace, so runtime code never
 * needs to know the legacy names.
 */
final class ExtensionRegistry {
    private final Map<String, BackendExtension<?>> byName = new HashMap<>();

    ExtensionRegistry(List<BackendExtension<?>> extensions) {
        for (BackendExtension<?> extension : extensions) {
            register(extension.namespace(), extension);
            for (String alias : extension.aliases()) {
                register(alias, extension);
            }
        }
    }

    private void register(String name, BackendExtension<?> extension) {
        BackendExtension<?> previous = byName.putIfAbsent(name, extension);
        if (previous != null) {
            throw new IllegalArgumentException("two backend extensions claim the extra_config namespace \""
                    + name + "\": " + previous.getClass().getName() + " and " + extension.getClass().getName());
        }
    }

    /** The extension handling {@code namespace} (canonical or alias), or null. */
    BackendExtension<?> find(String namespace) {
        return byName.get(namespace);
    }

    /**
     * Parses a backend's {@code extra_config}: every namespace goes to its extension; a namespace no extension
     * handles is warned about and ignored; two names of one extension in the same block are an error, since
     * it is unclear which one the user meant. {@code handled} namespaces were read by the caller.
     */
    ExtensionConfigs parseBackend(ConfigObject extraConfig, Set<String> handled) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        Map<BackendExtension<?>, String> seen = new HashMap<>();
        for (String namespace : extraConfig.keys()) {
            if (handled.contains(namespace) || ConfigObject.isComment(namespace)) {
                continue;
            }
            JsonNode value = extraConfig.raw(namespace);
            JsonPath at = extraConfig.path(namespace);
            BackendExtension<?> extension = byName.get(namespace);
            if (extension == null) {
                notImplemented(extraConfig, namespace);
                continue;
            }
            String first = seen.putIfAbsent(extension, namespace);
            if (first != null) {
                extraConfig.problems().error(at, "\"" + first + "\" and \"" + namespace + "\" are two names of "
                        + "the same namespace \"" + extension.namespace() + "\"; keep only one");
                continue;
            }
            Object config = parse(extension, value, at, extraConfig.problems());
            if (config != null) {
                parsed.put(extension.namespace(), config);
            }
        }
        return parsed.isEmpty() ? ExtensionConfigs.EMPTY : new ExtensionConfigs(parsed);
    }

    /**
     * Reports each namespace of an {@code extra_config} outside a backend (top level or endpoint): Tollgate's
     * extensions all work on backends, and other KrakenD components are not implemented (see
     * {@link KrakendFeatures}). {@code handled} namespaces were read by the caller.
     */
    void reportOutsideBackends(ConfigObject extraConfig, Set<String> handled) {
        for (String namespace : extraConfig.keys()) {
            if (handled.contains(namespace) || ConfigObject.isComment(namespace)) {
                continue;
            }
            extraConfig.raw(namespace);
            if (byName.containsKey(namespace)) {
                extraConfig.problems().warn(extraConfig.path(namespace),
                        "this namespace belongs in a backend's extra_config here, ignored");
            } else {
                notImplemented(extraConfig, namespace);
            }
        }
    }

    /**
     * A KrakenD feature Tollgate lacks is reported by class (it may refuse the config); a namespace of no known
     * family is ignored by KrakenD as well, so a warning is enough.
     */
    private static void notImplemented(ConfigObject extraConfig, String namespace) {
        JsonPath at = extraConfig.path(namespace);
        KrakendFeature feature = KrakendFeatures.namespace(namespace);
        if (!extraConfig.has(namespace)) {
            return; // "namespace": null configures nothing
        }
        if (feature != null) {
            extraConfig.problems().feature(at, feature);
        } else {
            extraConfig.problems().warn(at, "not a namespace Tollgate or KrakenD knows, ignored (as KrakenD "
                    + "ignores it)");
        }
    }

    /** An extension bug must not escape as a stack trace from {@code check}: it becomes an error at the path. */
    private static Object parse(BackendExtension<?> extension, JsonNode value, JsonPath at,
                                ConfigProblems problems) {
        try {
            return extension.parse(value, at, problems);
        } catch (RuntimeException e) {
            problems.error(at, "cannot be read (" + e.getClass().getSimpleName() + " in the \""
                    + extension.namespace() + "\" extension)");
            return null;
        }
    }
}
