package dev.tollgate.server;

import dev.tollgate.core.config.ConfigException;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.GatewayConfig;
import dev.tollgate.core.config.LoadedConfig;
import dev.tollgate.core.config.LoggingOptions;
import dev.tollgate.core.config.ProtectionOptIn;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.log.Log;
import dev.tollgate.core.log.LogFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * {@code run -c FILE}: loads the config, serves it, and on SIGTERM/SIGINT drains in-flight exchanges for the
 * configured grace period and exits 0 (a JVM shutdown hook alone would exit 143).
 */
final class RunCommand {
    private static final Log LOG = Log.get("server");

    private RunCommand() {
    }

    /**
     * KrakenD's telemetry/logging: shape, prefix, stream and level of every line from here on. {@code --log-level}
     * (or {@code -Dtollgate.log.level}) still wins over the file's level.
     */
    static void applyLogging(LoggingOptions logging) {
        if (logging == null) {
            return;
        }
        LogFormat format = switch (logging.format()) {
            case LoggingOptions.LOGSTASH -> LogFormat.LOGSTASH;
            case LoggingOptions.CUSTOM -> LogFormat.CUSTOM;
            default -> LogFormat.KRAKEND;
        };
        Log.configure(format, logging.prefix(), logging.stdout() ? System.out : System.err, logging.custom());
        if (logging.syslog()) {
            // stdout: true keeps the lines on stdout too; else syslog alone, as KrakenD (stderr if it fails)
            Log.useSyslog(logging.syslogFacility(), logging.prefix(), logging.stdout(),
                    logging.stdout() ? "stdout" : "stderr");
        }
        if (System.getProperty("tollgate.log.level") == null) {
            Log.setLevel(Log.Level.parse(logging.level()));
        }
    }

    /** @param env the process environment: {@code FC_ENABLE} and the rest render the file as a template first */
    static int run(Path file, int portOverride, ProtectionOptIn optIn, Map<String, String> env) {
        var extensions = Extensions.create();
        LoadedConfig loaded;
        ConfigSource.Loaded source;
        try {
            source = ConfigSource.load(new ConfigLoader(extensions, optIn), file, env);
            loaded = source.config();
        } catch (IOException e) {
            LOG.error("cannot read the config: " + e.getMessage());
            return 1;
        } catch (ConfigException e) {
            e.warnings().forEach(w -> LOG.warn(w));
            LOG.error(e.getMessage());
            if (e.summary() != null) {
                LOG.error(e.summary().line());
            }
            return 1;
        }
        applyLogging(loaded.config().logging());
        source.notes().forEach(n -> LOG.info(n));
        loaded.warnings().forEach(w -> LOG.warn(w));
        loaded.differences().forEach(d -> LOG.warn(d));
        loaded.notices().forEach(n -> LOG.info(n));
        // Loud on purpose: the user chose to serve these endpoints without a protection KrakenD would enforce.
        loaded.unprotected().forEach(u -> LOG.warn("UNPROTECTED: " + u));
        LOG.info(loaded.summary().line());
        String memory = MemoryBudget.notice();
        if (memory != null) {
            LOG.info(memory);
        }
        GatewayConfig config = withPort(loaded.config(), portOverride);

        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());

        Gateway gateway;
        try {
            gateway = Gateway.start(config, extensions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            LOG.error("cannot start: " + e.getMessage());
            return 1;
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("shutting down: draining in-flight requests for up to "
                + dev.tollgate.core.config.GoDuration.format(config.server().shutdownGrace()));
        gateway.shutdown(config.server().shutdownGrace());
        return 0;
    }

    private static GatewayConfig withPort(GatewayConfig c, int port) {
        if (port < 0) {
            return c;
        }
        return c.withPort(port);
    }
}
