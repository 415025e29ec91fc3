package dev.tollgate.core.config;

/**
 * KrakenD's {@code telemetry/logging} block (krakend-gologging), as far as Tollgate's log follows it.
 *
 * @param level  DEBUG, INFO, WARNING or ERROR (gologging's NOTICE is INFO, CRITICAL is ERROR)
 * @param prefix what KrakenD puts before each line ({@code [KRAKEND]} in its docs); empty for none
 * @param stdout log to standard output (else standard error: Tollgate never discards its log)
 * @param format {@code default} (KrakenD's line shape) or {@code logstash} (one JSON object per line)
 */
public record LoggingOptions(String level, String prefix, boolean stdout, String format) {
    public static final String DEFAULT = "default";
    public static final String LOGSTASH = "logstash";
}
