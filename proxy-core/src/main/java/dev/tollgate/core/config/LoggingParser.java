package dev.tollgate.core.config;

import dev.tollgate.core.log.LogPattern;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code telemetry/logging} (and its legacy name) as krakend-gologging's {@code ConfigGetter} and
 * {@code NewLogger} read it. {@code custom_format} is compiled here, once, so a format KrakenD would panic on (no
 * verb, an unknown verb) is a config error with its path; a {@code syslog_facility} other than local0..local7 is
 * local3, as in gologging, but said.
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
        boolean syslog = o.bool("syslog", false);
        int facility = facility(o);
        String format = o.string("format", LoggingOptions.DEFAULT);
        String customFormat = o.string("custom_format", null);
        LogPattern custom = null;
        if (format.equals(LoggingOptions.CUSTOM)) {
            custom = custom(o, customFormat);
        } else if (!format.equals(LoggingOptions.DEFAULT) && !format.equals(LoggingOptions.LOGSTASH)) {
            o.problems().warn(o.path("format"), "\"" + format + "\" is not default, logstash or custom; default "
                    + "is used");
            format = LoggingOptions.DEFAULT;
        }
        o.warnUnknownKeys();
        return new LoggingOptions(level, prefix, stdout, format, custom, syslog, facility);
    }

    /** gologging's parseSyslogFacility: local0..local7, any case; anything else is its default, local3. */
    private static int facility(ConfigObject o) {
        String name = o.string("syslog_facility", null);
        if (name == null) {
            return LoggingOptions.DEFAULT_FACILITY;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.length() == 6 && lower.startsWith("local") && lower.charAt(5) >= '0' && lower.charAt(5) <= '7') {
            return LoggingOptions.LOCAL0 + (lower.charAt(5) - '0');
        }
        o.problems().warn(o.path("syslog_facility"), "\"" + name + "\" is not local0..local7; local3 is used, as "
                + "KrakenD uses it");
        return LoggingOptions.DEFAULT_FACILITY;
    }

    /** KrakenD panics at startup on a format go-logging refuses (MustStringFormatter): an error here. */
    private static LogPattern custom(ConfigObject o, String customFormat) {
        if (customFormat == null || customFormat.isEmpty()) {
            o.problems().error(o.path("custom_format"), "is required with \"format\": \"custom\" (KrakenD refuses "
                    + "an empty one at startup)");
            return null;
        }
        LogPattern custom;
        try {
            custom = LogPattern.compile(customFormat);
        } catch (IllegalArgumentException e) {
            o.problems().error(o.path("custom_format"), e.getMessage());
            return null;
        }
        if (!custom.callerVerbs().isEmpty()) {
            o.problems().warn(o.path("custom_format"), "%{" + String.join("}, %{", custom.callerVerbs())
                    + (custom.callerVerbs().size() == 1 ? "} names" : "} name") + " the Go source of the log call in KrakenD (in practice its logging wrapper); Tollgate "
                    + "has none and writes go-logging's ??? there");
        }
        return custom;
    }
}
