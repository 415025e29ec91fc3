package dev.tollgate.core.log;

import java.io.PrintStream;

/**
 * Tollgate's log: one line per event on standard error, in KrakenD's shape so existing log searches keep working:
 * {@code 2026/11/27 19:30:00.123 TOLLGATE ERROR: [ENDPOINT: /x] message}. Deliberately tiny: the proxy logs
 * lifecycle events and failures, never per-request successes, and never a secret or a token.
 *
 * <p>The level comes from the system property {@code tollgate.log.level} (DEBUG, INFO, WARNING, ERROR; default
 * INFO). Named after the component, e.g. {@code Log.get("auth")}; the name is shown only at DEBUG.
 *
 * <p>Writing is asynchronous ({@link LogWriter}): a call stamps the time, puts the message in a bounded queue and
 * returns (the writer thread formats the line), so an event loop never waits on stderr; a flood drops lines (and
 * says how many) instead of stalling the proxy. Queued lines are written at JVM exit; {@link #flush()} waits for
 * them (tests, shutdown).
 */
public final class Log {
    public enum Level {
        DEBUG, INFO, WARNING, ERROR;

        /** The level named by {@code s} (case-insensitive; WARN is WARNING), or null when it names none. */
        public static Level parse(String s) {
            String name = s.trim().toUpperCase(java.util.Locale.ROOT);
            try {
                return valueOf(name.equals("WARN") ? "WARNING" : name);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** Lines a burst may queue before the writer catches up; more are dropped and counted. */
    static final int QUEUE_CAPACITY = 16 * 1024;

    private static volatile Level threshold = parse(System.getProperty("tollgate.log.level", "INFO"));
    /** The process's one writer: stderr is process-wide too. */
    private static final LogWriter WRITER = newWriter();

    private final String component;

    private Log(String component) {
        this.component = component;
    }

    public static Log get(String component) {
        return new Log(component);
    }

    /** Redirects all logging (tests capture it to assert that lines are written and that secrets are not). */
    public static void setOutput(PrintStream stream) {
        WRITER.setOutput(stream); // lines logged before go to the previous stream
    }

    /** Blocks until every line logged (by any thread) before this call has been written. */
    public static void flush() {
        WRITER.flush();
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    /**
     * Writes lines as {@code format} from now on, to {@code out}, behind {@code prefix} (KrakenD's
     * {@code telemetry/logging}); lines already queued keep the previous shape.
     */
    public static void configure(LogFormat format, String prefix, PrintStream out) {
        WRITER.configure(format, prefix, out);
    }

    /** As {@link #configure(LogFormat, String, PrintStream)}, with the compiled pattern of {@link LogFormat#CUSTOM}. */
    public static void configure(LogFormat format, String prefix, PrintStream out, LogPattern custom) {
        WRITER.configure(format, prefix, out, custom);
    }

    /**
     * KrakenD's {@code syslog: true}: sends every line to the local syslog daemon from now on, at {@code facility}
     * (16 is local0) and tagged with {@code prefix} (or {@code tollgate}), and also to the stream when
     * {@code alsoStream}. Without a syslog socket (or on a system without Netty's epoll) logs one warning saying
     * why and keeps the log on the stream, named {@code streamName} in that warning.
     *
     * @return whether syslog is in use
     */
    public static boolean useSyslog(int facility, String prefix, boolean alsoStream, String streamName) {
        Log log = get("log");
        try {
            SyslogSink sink = SyslogSink.open(SyslogSink.PATHS, facility, prefix, java.time.ZoneId.systemDefault());
            WRITER.useSyslog(sink, alsoStream);
            log.info("syslog: lines go to " + sink.address() + (alsoStream ? " and to " + streamName : ""));
            return true;
        } catch (SyslogSink.Unavailable e) {
            log.warn("syslog: " + e.getMessage() + ": the log goes to " + streamName + " instead");
            return false;
        }
    }

    /** Writes an access log line: not subject to the level, never blocks, dropped (and counted) when full. */
    public static void access(RawLine line) {
        WRITER.write(line);
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
        WRITER.write(new LogWriter.Line(System.currentTimeMillis(), level,
                threshold == Level.DEBUG ? component : null, message));
    }

    private static LogWriter newWriter() {
        LogWriter writer = new LogWriter(QUEUE_CAPACITY, System.err);
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(writer::exiting, "tollgate-log-exit"));
        } catch (IllegalStateException e) {
            writer.exiting(); // first used while the JVM is already exiting: write synchronously
        }
        return writer;
    }

    private static Level parse(String s) {
        Level level = Level.parse(s);
        return level == null ? Level.INFO : level;
    }
}
