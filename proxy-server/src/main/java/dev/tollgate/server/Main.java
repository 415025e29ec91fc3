package dev.tollgate.server;

import dev.tollgate.core.config.KrakendFeatures;
import dev.tollgate.server.demo.DemoCommand;
import dev.tollgate.core.log.Log;
import java.util.Arrays;

/**
 * {@code java -jar proxy-server.jar <command>}: the entry point of the fat jar. Exit codes: 0 success, 1 the config
 * or the server failed (the reason is printed), 2 the command line was wrong.
 */
public final class Main {
    static final String USAGE = """
            Tollgate %s - an edge proxy for KrakenD v3 configs with OAuth2 client credentials

            Usage: java -jar proxy-server.jar <command> [options]

            Commands:
              run   -c FILE     serve the gateway described by FILE (a KrakenD v3 krakend.json)
              demo              client credentials in a minute: a local token endpoint and a gateway
                                that stamps its tokens (-p PORT for another port than 8080)
              check -c FILE     validate FILE: list every error (with its JSON path) and warning,
                                exit 0 when it can be served, 1 when not
              features          print what Tollgate does with each KrakenD feature it does not
                                implement: refuse (protection), warn (behaviour) or note (harmless)
              version           print the version
              help              print this text

            Options:
              -c, --config FILE     the KrakenD v3 configuration file
              -p, --port PORT       listen on PORT instead of the config's "port"
              --log-level LEVEL     DEBUG, INFO (default), WARNING or ERROR
              -d, --debug           same as --log-level DEBUG
              --allow-unenforced LIST
                                    serve endpoints without these protection features (comma-separated,
                                    e.g. auth/signer,auth/api-keys) instead of refusing the
                                    config; each such endpoint is named in a loud startup warning

            Environment (KrakenD's flexible configuration; run and check alike):
              FC_ENABLE=1           render the config file as a Go template before parsing it
              FC_SETTINGS DIR       each DIR/NAME.json is available to the template as .NAME
              FC_PARTIALS DIR       where {{ include "FILE" }} reads files, inserted verbatim
              FC_TEMPLATES DIR      each DIR/*.tmpl can be called as {{ template "NAME.tmpl" . }}
              FC_OUT FILE           write the rendered config there, with its secrets redacted

            Signals: SIGTERM or SIGINT stop accepting connections, let in-flight requests finish (up to
            extra_config["tollgate/server"].shutdown_grace, default 10s) and exit 0.

            Supported configuration, and where Tollgate differs from KrakenD: see README.md.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        // Netty picks SLF4J when its API is on the class path (Lettuce brings it, with no provider): SLF4J then
        // printed three "no providers" warnings at every start and Netty's own warnings (a leaked buffer) went to
        // a no-op logger. The JDK's logging writes them to stderr, as before Lettuce came.
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (tests call this instead of {@link #main}). */
    static int run(String... args) {
        CommandLine cl;
        try {
            cl = CommandLine.parse(Arrays.asList(args));
        } catch (CommandLine.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Run 'java -jar proxy-server.jar help' for usage.");
            return 2;
        }
        if (cl.logLevel() != null) {
            Log.Level level = Log.Level.parse(cl.logLevel());
            if (level == null) {
                System.err.println("error: --log-level: \"" + cl.logLevel()
                        + "\" is not a level (expected DEBUG, INFO, WARNING or ERROR)");
                return 2;
            }
            Log.setLevel(level);
            // The command line wins over telemetry/logging's level, as KrakenD's -d does.
            System.setProperty("tollgate.log.level", level.name());
        }
        return switch (cl.command()) {
            case "version" -> {
                System.out.println("tollgate " + Version.get());
                yield 0;
            }
            case "help" -> {
                System.out.print(USAGE.formatted(Version.get()));
                yield 0;
            }
            case "features" -> {
                System.out.print(KrakendFeatures.markdownTable());
                yield 0;
            }
            case "check" -> CheckCommand.run(cl.config(), cl.optIn(), System.getenv(), System.out);
            case "run" -> RunCommand.run(cl.config(), cl.portOverride(), cl.optIn(), System.getenv());
            case "demo" -> DemoCommand.run(cl.portOverride() < 0 ? 8080 : cl.portOverride(), System.out,
                    // The demo writes its own JSON config: nothing to render.
                    file -> RunCommand.run(file, -1, cl.optIn(), java.util.Map.of()));
            default -> throw new IllegalStateException(cl.command());
        };
    }
}
