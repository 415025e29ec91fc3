package dev.tollgate.server;

import dev.tollgate.core.config.ConfigException;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.LoadedConfig;
import dev.tollgate.core.config.template.FlexibleConfig;
import dev.tollgate.core.config.template.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the config file for {@code run} and {@code check} alike: as JSON, or, when the environment enables
 * KrakenD's flexible configuration ({@code FC_ENABLE}), as a template rendered first. The rendered text is what
 * the proxy loads, with its real values; {@code FC_OUT} receives a copy with the secrets redacted.
 */
final class ConfigSource {
    /**
     * @param config the loaded config
     * @param notes  what the flexible config did, for {@code info:} lines; empty for a plain JSON file
     */
    record Loaded(LoadedConfig config, List<String> notes) {
    }

    private ConfigSource() {
    }

    /**
     * @param env the process environment in production; tests pass a map
     * @throws IOException     when a file cannot be read or FC_OUT cannot be written; the message names it
     * @throws ConfigException when a template fails, or the rendered config is not valid
     */
    static Loaded load(ConfigLoader loader, Path file, Map<String, String> env) throws IOException, ConfigException {
        FlexibleConfig fc = FlexibleConfig.fromEnv(env);
        if (fc == null) {
            return new Loaded(loader.load(file), List.of());
        }
        if (Files.isDirectory(file)) {
            throw new IOException("cannot read config file " + file + ": it is a directory");
        }
        FlexibleConfig.Rendered rendered;
        try {
            rendered = fc.render(file, env);
        } catch (TemplateException e) {
            throw new ConfigException(file.toString(), List.of("flexible config: " + e.getMessage()), List.of());
        }
        String where;
        if (fc.out() != null) {
            try {
                Files.writeString(fc.out(), rendered.redacted(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("FC_OUT " + fc.out() + ": cannot write the rendered config: " + e.getMessage(),
                        e);
            }
            where = "written to " + fc.out() + " with secrets redacted";
        } else {
            where = "set FC_OUT=FILE to see it";
        }
        // Line and column of a JSON error are the rendered text's, so the source says so and where to look.
        LoadedConfig loaded = loader.parse(rendered.text(), file + " (as rendered by the flexible config; " + where
                + ")");
        return new Loaded(loaded, List.of("flexible config: rendered " + file + " (" + where + ")"));
    }
}
