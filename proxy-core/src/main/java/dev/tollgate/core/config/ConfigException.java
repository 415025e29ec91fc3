package dev.tollgate.core.config;

import java.util.List;

/** The config cannot be used; {@link #errors()} lists every problem, each with its JSON path. */
public final class ConfigException extends Exception {
    private final List<String> errors;
    private final List<String> warnings;

    public ConfigException(String source, List<String> errors, List<String> warnings) {
        super(source + ": " + errors.size() + " configuration error" + (errors.size() == 1 ? "" : "s")
                + ":\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    public List<String> errors() {
        return errors;
    }

    public List<String> warnings() {
        return warnings;
    }
}
