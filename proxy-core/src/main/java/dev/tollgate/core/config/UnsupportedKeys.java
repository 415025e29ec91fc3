package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import java.util.function.Function;

/**
 * Reports the KrakenD keys of one config object that Tollgate does not implement ({@link KrakendFeatures}' key
 * tables) as feature uses, so {@link FeatureReport} can refuse, warn or inform by class. Keys a parser already
 * read (output_encoding, encoding, sd) were reported by that parser, with what their value means.
 */
final class UnsupportedKeys {
    private UnsupportedKeys() {
    }

    static void gateway(ConfigObject root) {
        report(root, KrakendFeatures::gatewayKey);
    }

    static void endpoint(ConfigObject endpoint) {
        report(endpoint, KrakendFeatures::endpointKey);
    }

    /**
     * @param noOpEndpoint the backend's endpoint is {@code no-op}: KrakenD does not decode its answer, so it ignores
     *                     the response manipulation keys (group, mapping, target, is_collection, allow, deny) too
     */
    static void backend(ConfigObject backend, boolean noOpEndpoint) {
        if (noOpEndpoint) {
            for (String key : new String[] {"group", "mapping", "target", "is_collection", "allow", "deny"}) {
                if (backend.has(key)) {
                    backend.problems().info(backend.path(key) + ": ignored on a no-op endpoint, by KrakenD too");
                }
                backend.raw(key);
            }
        }
        report(backend, KrakendFeatures::backendKey);
    }

    private static void report(ConfigObject obj, Function<String, KrakendFeature> table) {
        for (String key : obj.keys()) {
            KrakendFeature f = table.apply(key);
            if (f == null || obj.wasRead(key)) {
                continue;
            }
            JsonNode value = obj.raw(key);
            if (!obj.has(key)) {
                continue; // an explicit null asks for nothing
            }
            obj.problems().feature(obj.path(key), f);
        }
    }

}
