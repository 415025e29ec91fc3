package dev.tollgate.server;

import dev.tollgate.core.config.ConfigException;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.GatewayConfig;
import dev.tollgate.core.config.LoadedConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code check -c FILE}: loads the config exactly as {@code run} would, prints every warning and error, and exits
 * 0 when it can be served. Nothing here ever prints a secret: config records redact them in toString.
 */
final class CheckCommand {
    private CheckCommand() {
    }

    static int run(Path file, PrintStream out) {
        LoadedConfig loaded;
        try {
            loaded = new ConfigLoader(Extensions.create()).load(file);
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
            return 1;
        } catch (ConfigException e) {
            for (String w : e.warnings()) {
                out.println("warning: " + w);
            }
            out.println(e.getMessage());
            return 1;
        }
        for (String w : loaded.warnings()) {
            out.println("warning: " + w);
        }
        GatewayConfig c = loaded.config();
        out.println("OK: " + file + ": " + c.endpoints().size() + " endpoint" + (c.endpoints().size() == 1 ? "" : "s")
                + ", port " + c.port() + (loaded.warnings().isEmpty() ? "" : ", " + loaded.warnings().size()
                + " warning" + (loaded.warnings().size() == 1 ? "" : "s")));
        for (EndpointConfig e : c.endpoints()) {
            var b = e.backend();
            out.println("  " + e.method() + " " + e.path() + " -> " + b.method() + " " + b.hosts() + b.urlPattern()
                    + (b.extensions().asMap().isEmpty() ? "" : " " + b.extensions().asMap().keySet()));
        }
        return 0;
    }
}
