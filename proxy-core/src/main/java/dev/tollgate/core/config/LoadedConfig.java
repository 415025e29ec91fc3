package dev.tollgate.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A valid configuration and the warnings found while loading it (unknown keys, unsupported KrakenD features,
 * namespaces no extension handles). The caller logs the warnings once at startup; {@code check} prints them.
 *
 * @param config   the gateway, ready to build
 * @param warnings each starts with the JSON path it is about
 */
public record LoadedConfig(GatewayConfig config, List<String> warnings) {
    public LoadedConfig {
        requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
    }
}
