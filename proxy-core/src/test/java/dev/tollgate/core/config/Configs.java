package dev.tollgate.core.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tollgate.core.extension.BackendExtension;
import java.util.List;

/** Test helpers: JSON written with single quotes for readability, and loaders with or without extensions. */
final class Configs {
    private Configs() {
    }

    /** Turns {@code 'x'} into {@code "x"} so configs in tests read like the real files. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A minimal valid config around one endpoint object (written with single quotes). */
    static String oneEndpoint(String endpoint) {
        return json("{'version': 3, 'host': ['http://origin:9000'], 'endpoints': [" + endpoint + "]}");
    }

    static LoadedConfig load(String singleQuoted, ConfigNamespace<?>... extensions) {
        try {
            return new ConfigLoader(List.of(extensions)).parse(json(singleQuoted), "test.json");
        } catch (ConfigException e) {
            return fail("expected a valid config, got " + e.getMessage());
        }
    }

    static ConfigException fails(String singleQuoted, ConfigNamespace<?>... extensions) {
        return assertThrows(ConfigException.class,
                () -> new ConfigLoader(List.of(extensions)).parse(json(singleQuoted), "test.json"));
    }

    /** The single error of a failing config, asserting there is exactly one. */
    static String error(String singleQuoted, ConfigNamespace<?>... extensions) {
        List<String> errors = fails(singleQuoted, extensions).errors();
        if (errors.size() != 1) {
            fail("expected one error, got " + errors);
        }
        return errors.get(0);
    }
}
