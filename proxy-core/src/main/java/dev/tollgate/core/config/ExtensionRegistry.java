package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the {@link ConfigNamespace} for each endpoint and backend {@code extra_config} namespace (by its canonical
 * name or an alias) and lets it parse its value. Results are stored under the canonical namespace, so runtime code
 * never needs to know the legacy names.
 */
final class ExtensionRegistry {
    private final Map<String, ConfigNamespace<?>> byName = new HashMap<>();

    ExtensionRegistry(List<? extends ConfigNamespace<?>> namespaces) {
        for (ConfigNamespace<?> namespace : namespaces) {
            register(namespace.namespace(), namespace);
            for (String alias : namespace.aliases()) {
                register(alias, namespace);
            }
        }
    }

    private void register(String name, ConfigNamespace<?> namespace) {
        ConfigNamespace<?> previous = byName.putIfAbsent(name, namespace);
        if (previous != null) {
            throw new IllegalArgumentException("two extensions claim the extra_config namespace \""
                    + name + "\": " + previous.getClass().getName() + " and " + namespace.getClass().getName());
        }
    }

    /** The namespace handling {@code name} (canonical or alias), or null. */
    ConfigNamespace<?> find(String name) {
        return byName.get(name);
    }

    /**
     * Parses an endpoint's or a backend's {@code extra_config}: every namespace of that level goes to its
     * extension; one of the other level is warned about and ignored; a KrakenD feature Tollgate lacks is reported
     * by class; two names of one extension in the same block are an error, since it is unclear which one the user
     * meant. {@code handled} namespaces were read by the caller.
     */
    ExtensionConfigs parse(ConfigObject extraConfig, ConfigNamespace.Level level, Set<String> handled) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        Map<ConfigNamespace<?>, String> seen = new HashMap<>();
        for (String namespace : extraConfig.keys()) {
            if (handled.contains(namespace) || ConfigObject.isComment(namespace)) {
                continue;
            }
            JsonNode value = extraConfig.raw(namespace);
            JsonPath at = extraConfig.path(namespace);
            ConfigNamespace<?> extension = byName.get(namespace);
            if (extension == null) {
                notImplemented(extraConfig, namespace);
                continue;
            }
            if (extension.level() != level) {
                extraConfig.problems().warn(at, "this namespace belongs in " + extension.level().text()
                        + " extra_config, ignored here");
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
     * Parses the top-level {@code extra_config}: a namespace of {@link ConfigNamespace.Level#GATEWAY} goes to its
     * extension, an endpoint or backend one is warned about and ignored, other KrakenD components are not
     * implemented (see {@link KrakendFeatures}). {@code handled} namespaces were read by the caller.
     */
    ExtensionConfigs parseTopLevel(ConfigObject extraConfig, Set<String> handled) {
        return parse(extraConfig, ConfigNamespace.Level.GATEWAY, handled);
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
    private static Object parse(ConfigNamespace<?> extension, JsonNode value, JsonPath at,
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
