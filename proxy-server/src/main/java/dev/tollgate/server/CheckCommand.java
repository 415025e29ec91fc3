package dev.tollgate.server;

import dev.tollgate.core.config.ConfigException;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.GatewayConfig;
import dev.tollgate.core.config.LoadedConfig;
import dev.tollgate.core.config.ProtectionOptIn;
import dev.tollgate.core.server.ServerTls;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code check -c FILE}: loads the config exactly as {@code run} would (with the same {@code --allow-unenforced}),
 * prints every error, warning and note, ends with how many endpoints are served as KrakenD would, and exits 0 when
 * it can be served. Nothing here ever prints a secret: config records redact them in toString.
 */
final class CheckCommand {
    private CheckCommand() {
    }

    /** @param env the process environment: {@code FC_ENABLE} and the rest render the file as a template first */
    static int run(Path file, ProtectionOptIn optIn, Map<String, String> env, PrintStream out) {
        LoadedConfig loaded;
        List<String> notes;
        try {
            ConfigSource.Loaded source = ConfigSource.load(new ConfigLoader(Extensions.create(), optIn), file, env);
            loaded = source.config();
            notes = source.notes();
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
            return 1;
        } catch (ConfigException e) {
            for (String w : e.warnings()) {
                out.println("warning: " + w);
            }
            out.println(e.getMessage());
            if (e.summary() != null) {
                out.println(e.summary().line());
            }
            return 1;
        }
        for (String n : notes) {
            out.println("info: " + n);
        }
        for (String w : loaded.warnings()) {
            out.println("warning: " + w);
        }
        for (String d : loaded.differences()) {
            out.println("warning: " + d);
        }
        for (String n : loaded.notices()) {
            out.println("info: " + n);
        }
        for (String u : loaded.unprotected()) {
            out.println("UNPROTECTED: " + u);
        }
        GatewayConfig c = loaded.config();
        if (c.tls() != null) {
            // The files exist (the loader checked); whether they hold a usable certificate and key, only loading says.
            try {
                ServerTls.load(c.tls());
            } catch (IOException e) {
                out.println("tls: " + e.getMessage());
                return 1;
            }
        }
        int warnings = loaded.warnings().size() + loaded.differences().size();
        out.println("OK: " + file + ": " + c.endpoints().size() + " endpoint" + (c.endpoints().size() == 1 ? "" : "s")
                + ", port " + c.port() + (c.tls() == null ? "" : " (https)") + (warnings == 0 ? "" : ", " + warnings + " warning" + (warnings == 1 ? ""
                : "s")));
        for (EndpointConfig e : c.endpoints()) {
            var b = e.backend();
            out.println("  " + e.method() + " " + e.path()
                    + (e.extensions().isEmpty() ? "" : " " + e.extensions().namespaces())
                    + " -> " + b.method() + " " + b.hosts() + b.urlPattern()
                    + (b.extensions().isEmpty() ? "" : " " + b.extensions().namespaces()));
        }
        out.println(loaded.summary().line());
        return 0;
    }
}
