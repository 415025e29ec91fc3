package dev.tollgate.core.config;

import java.util.List;

/** The config cannot be used; {@link #errors()} lists every problem, each with its JSON path. */
public final class ConfigException extends Exception {
    private final List<String> errors;
    private final List<String> warnings;
    private final ConfigSummary summary;

    public ConfigException(String source, List<String> errors, List<String> warnings) {
        this(source, errors, warnings, null);
    }

    /** @param summary how the endpoints would have been served, null when the file could not even be read */
    public ConfigException(String source, List<String> errors, List<String> warnings, ConfigSummary summary) {
        super(source + ": " + errors.size() + " configuration error" + (errors.size() == 1 ? "" : "s")
                + ":\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
        this.summary = summary;
    }

    /** How the endpoints would have been served; null when the file is not valid JSON. */
    public ConfigSummary summary() {
        return summary;
    }

    public List<String> errors() {
        return errors;
    }

    public List<String> warnings() {
        return warnings;
    }
}
