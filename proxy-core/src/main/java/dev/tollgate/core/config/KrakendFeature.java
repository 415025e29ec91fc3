package dev.tollgate.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A KrakenD config key or {@code extra_config} namespace that Tollgate does not implement, and what its absence
 * means ({@link FeatureClass}).
 *
 * @param name         the canonical key or namespace, e.g. {@code auth/validator}, {@code tls}, {@code group}
 * @param where        where it is written, for the README table: "namespace", "top-level key", "backend key"...
 * @param featureClass what leaving it out means for a client
 * @param krakend      what KrakenD does with it, completing "KrakenD ..."
 * @param tollgate     what Tollgate does instead (for protection: what is lost when it is served without it)
 * @param aliases      legacy names KrakenD accepts for the same namespace
 */
public record KrakendFeature(String name, String where, FeatureClass featureClass, String krakend, String tollgate,
                             List<String> aliases) {
    public KrakendFeature {
        requireNonNull(name, "name");
        requireNonNull(where, "where");
        requireNonNull(featureClass, "featureClass");
        requireNonNull(krakend, "krakend");
        requireNonNull(tollgate, "tollgate");
        aliases = List.copyOf(aliases);
    }

    public boolean isProtection() {
        return featureClass == FeatureClass.PROTECTION;
    }
}
