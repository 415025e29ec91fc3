package dev.tollgate.core.config;

import dev.tollgate.core.log.LogPattern;

/**
 * KrakenD's {@code telemetry/logging} block (krakend-gologging), as far as Tollgate's log follows it.
 *
 * @param level          DEBUG, INFO, WARNING or ERROR (gologging's NOTICE is INFO, CRITICAL is ERROR)
 * @param prefix         what KrakenD puts before each line ({@code [KRAKEND]} in its docs); empty for none; the
 *                       syslog tag
 * @param stdout         log to standard output (else standard error, unless syslog takes the lines: Tollgate
 *                       never discards its log)
 * @param format         {@code default} (KrakenD's line shape), {@code logstash} (one JSON object per line) or
 *                       {@code custom}
 * @param custom         the compiled {@code custom_format} when the format is {@code custom}, else null
 * @param syslog         send every line to the local syslog daemon too
 * @param syslogFacility the syslog facility number: local0..local7 are 16..23, KrakenD's default local3 is 19
 */
public record LoggingOptions(String level, String prefix, boolean stdout, String format, LogPattern custom,
                             boolean syslog, int syslogFacility) {
    public static final String DEFAULT = "default";
    public static final String LOGSTASH = "logstash";
    public static final String CUSTOM = "custom";
    /** syslog's LOG_LOCAL0 >> 3; local1..local7 follow. */
    public static final int LOCAL0 = 16;
    /** krakend-gologging's default facility, local3. */
    public static final int DEFAULT_FACILITY = LOCAL0 + 3;

    /** Without syslog or a custom format. */
    public LoggingOptions(String level, String prefix, boolean stdout, String format) {
        this(level, prefix, stdout, format, null, false, DEFAULT_FACILITY);
    }
}
