package dev.tollgate.core.log;

/** How a log line is written. */
public enum LogFormat {
    /** Tollgate's own: {@code 2026/11/27 19:30:00.123 TOLLGATE ERROR: message}. */
    TOLLGATE,
    /** krakend-gologging's default pattern: {@code [prefix] 2026/11/27 - 19:30:00.123 ▶ ERROR message}. */
    KRAKEND,
    /** krakend-gologging's logstash pattern, one JSON object per line (the message JSON-escaped). */
    LOGSTASH,
    /** krakend-gologging's {@code custom}: the {@code custom_format} pattern ({@link LogPattern}), no prefix. */
    CUSTOM
}
