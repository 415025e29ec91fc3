package dev.tollgate.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every error and warning found while loading a config, so the user sees all of them at once rather than
 * fixing one per run. Each entry starts with the JSON path it is about.
 */
public final class ConfigProblems {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> differences = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final List<FeatureUse> features = new ArrayList<>();

    public void error(JsonPath path, String message) {
        errors.add(path + ": " + message);
    }

    public void warn(JsonPath path, String message) {
        warnings.add(path + ": " + message);
    }

    /** A warning that is about the command line or the whole file, not one place in it. */
    public void note(String message) {
        warnings.add(message);
    }

    /**
     * A warning about how Tollgate serves this config differently from KrakenD, for the whole config rather than
     * one place (it names its places itself).
     */
    public void difference(String message) {
        differences.add(message);
    }

    public List<String> differences() {
        return List.copyOf(differences);
    }

    /** An INFO line: worth knowing, nothing to fix. */
    public void info(String message) {
        notices.add(message);
    }

    /**
     * Records a use of a KrakenD feature Tollgate does not implement. What it leads to (refused, a warning, an
     * INFO line) is decided once all are known, by {@link FeatureReport}.
     */
    public void feature(JsonPath at, KrakendFeature feature) {
        features.add(new FeatureUse(feature, at));
    }

    public List<FeatureUse> features() {
        return List.copyOf(features);
    }

    public List<String> notices() {
        return List.copyOf(notices);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws a {@link ConfigException} listing every error, if there is any. */
    public void throwIfErrors(String source, ConfigSummary summary) throws ConfigException {
        if (hasErrors()) {
            List<String> all = new ArrayList<>(warnings);
            all.addAll(differences);
            throw new ConfigException(source, errors(), all, summary);
        }
    }
}
