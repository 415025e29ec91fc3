package dev.tollgate.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A valid configuration and what loading it found: warnings (unknown keys), behaviour differences from KrakenD,
 * INFO notices (harmless features Tollgate does not implement), the loud lines for endpoints served without a
 * protection the user allowed, and the summary. The caller logs them once at startup; {@code check} prints them.
 *
 * @param config      the gateway, ready to build
 * @param warnings    each starts with the JSON path it is about: unknown keys, options Tollgate lacks
 * @param differences one warning per KrakenD feature that Tollgate serves differently, naming its places
 * @param notices     INFO lines
 * @param unprotected one line per endpoint served without a protection (allowed by {@code --allow-unenforced})
 * @param summary     how each endpoint is served compared with KrakenD
 */
public record LoadedConfig(GatewayConfig config, List<String> warnings, List<String> differences,
                           List<String> notices,
                           List<String> unprotected, ConfigSummary summary) {
    public LoadedConfig {
        requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
        differences = List.copyOf(differences);
        notices = List.copyOf(notices);
        unprotected = List.copyOf(unprotected);
        requireNonNull(summary, "summary");
    }
}
