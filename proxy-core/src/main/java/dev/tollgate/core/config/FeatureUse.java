package dev.tollgate.core.config;

import static java.util.Objects.requireNonNull;

/**
 * One place where a config uses a KrakenD feature Tollgate does not implement.
 *
 * @param feature what is used
 * @param at      where; {@link JsonPath#endpoint()} says which endpoint it concerns (-1: every endpoint)
 */
public record FeatureUse(KrakendFeature feature, JsonPath at) {
    public FeatureUse {
        requireNonNull(feature, "feature");
        requireNonNull(at, "at");
    }
}
