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

    public void error(JsonPath path, String message) {
        errors.add(path + ": " + message);
    }

    public void warn(JsonPath path, String message) {
        warnings.add(path + ": " + message);
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
    public void throwIfErrors(String source) throws ConfigException {
        if (hasErrors()) {
            throw new ConfigException(source, errors(), warnings());
        }
    }
}
