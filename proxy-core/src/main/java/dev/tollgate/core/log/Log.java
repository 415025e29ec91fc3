package dev.tollgate.core.log;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Tollgate's log: one line per event on standard error, in KrakenD's shape so existing log searches keep working:
 * {@code 2026/11/27 19:30:00.123 TOLLGATE ERROR: [ENDPOINT: /x] message}. Deliberately tiny: the proxy logs
 * lifecycle events and failures, never per-request successes, and never a secret or a token.
 *
 * <p>The level comes from the system property {@code tollgate.log.level} (DEBUG, INFO, WARNING, ERROR; default
 * INFO). Named after the component, e.g. {@code Log.get("auth")}; the name is shown only at DEBUG.
 */
public final class Log {
    public enum Level { DEBUG, INFO, WARNING, ERROR }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static volatile Level threshold = parse(System.getProperty("tollgate.log.level", "INFO"));
    private static volatile PrintStream out = System.err;

    private final String component;

    private Log(String component) {
        this.component = component;
    }

    public static Log get(String component) {
        return new Log(component);
    }

    /** Redirects all logging (tests capture it to assert that lines are written and that secrets are not). */
    public static void setOutput(PrintStream stream) {
        out = stream;
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    public boolean isDebugEnabled() {
        return threshold == Level.DEBUG;
    }

    public void debug(String message) {
        log(Level.DEBUG, message);
    }

    public void info(String message) {
        log(Level.INFO, message);
    }

    public void warn(String message) {
        log(Level.WARNING, message);
    }

    public void error(String message) {
        log(Level.ERROR, message);
    }

    /** An error about one endpoint, in KrakenD's {@code [ENDPOINT: /x] ...} shape. */
    public void endpointError(String endpoint, String message) {
        log(Level.ERROR, "[ENDPOINT: " + endpoint + "] " + message);
    }

    private void log(Level level, String message) {
        if (level.ordinal() < threshold.ordinal()) {
            return;
        }
        String prefix = TIME.format(Instant.now()) + " TOLLGATE " + level + ": ";
        if (threshold == Level.DEBUG) {
            prefix += "[" + component + "] ";
        }
        out.println(prefix + message);
    }

    private static Level parse(String s) {
        try {
            return Level.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT).replace("WARN", "WARNING")
                    .replace("WARNINGING", "WARNING"));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
