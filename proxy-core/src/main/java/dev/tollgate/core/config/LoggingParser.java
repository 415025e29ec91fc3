package dev.tollgate.core.config;

import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code telemetry/logging} (and its legacy name) as krakend-gologging's {@code ConfigGetter} does. What
 * Tollgate cannot do is said, not dropped silently: {@code syslog} (logs stay on stdout or stderr), a
 * {@code custom} format (the default shape is used).
 */
final class LoggingParser {
    static final String NAMESPACE = "telemetry/logging";
    static final String LEGACY_NAMESPACE = "github_com/devopsfaith/krakend-gologging";
    private static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL");

    private LoggingParser() {
    }

    static LoggingOptions parse(ConfigObject o) {
        String level = o.string("level", "INFO").toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            o.problems().warn(o.path("level"), "\"" + level + "\" is not a level (DEBUG, INFO, WARNING, ERROR, "
                    + "CRITICAL); INFO is used");
            level = "INFO";
        }
        level = level.equals("NOTICE") ? "INFO" : level.equals("CRITICAL") ? "ERROR" : level;
        String prefix = o.string("prefix", "");
        boolean stdout = o.bool("stdout", false);
        if (o.bool("syslog", false)) {
            o.problems().warn(o.path("syslog"), "syslog is not implemented: the log goes to "
                    + (stdout ? "stdout" : "stderr") + " only");
        }
        o.string("syslog_facility", null);
        String format = o.string("format", LoggingOptions.DEFAULT);
        o.string("custom_format", null);
        if (format.equals("custom")) {
            o.problems().warn(o.path("format"), "the custom format is not implemented: KrakenD's default line "
                    + "shape is used");
            format = LoggingOptions.DEFAULT;
        } else if (!format.equals(LoggingOptions.DEFAULT) && !format.equals(LoggingOptions.LOGSTASH)) {
            o.problems().warn(o.path("format"), "\"" + format + "\" is not default, logstash or custom; default "
                    + "is used");
            format = LoggingOptions.DEFAULT;
        }
        o.warnUnknownKeys();
        return new LoggingOptions(level, prefix, stdout, format);
    }
}
