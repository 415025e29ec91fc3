package dev.tollgate.core.config;

/**
 * What leaving out a KrakenD feature Tollgate does not implement means for a client, which decides what Tollgate
 * does with a config that uses it.
 */
public enum FeatureClass {
    /**
     * Its absence lets through a request KrakenD would stop, or weakens what a client is told (JWT validation,
     * API keys, rate limits, TLS, plugins). Such a config is refused unless the user opts in per feature: an
     * edge proxy fails closed.
     */
    PROTECTION("protection", "refused unless allowed with --allow-unenforced"),
    /** The answer differs from KrakenD's, but nothing KrakenD would stop gets through: one warning per feature. */
    BEHAVIOUR("behaviour", "served; one warning per feature with the number of places"),
    /** Nothing a client can observe changes (telemetry, documentation): one INFO line for all of them. */
    HARMLESS("harmless", "served; one INFO line");

    private final String label;
    private final String outcome;

    FeatureClass(String label, String outcome) {
        this.label = label;
        this.outcome = outcome;
    }

    /** The word the README and {@code check} use for this class. */
    public String label() {
        return label;
    }

    /** What Tollgate does with a config that uses a feature of this class. */
    public String outcome() {
        return outcome;
    }
}
