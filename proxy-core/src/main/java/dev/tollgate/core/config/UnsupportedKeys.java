package dev.tollgate.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * KrakenD keys Tollgate knows but does not implement. Each present one gets a warning that says what Tollgate
 * does instead, so a KrakenD user learns the difference at startup instead of in production. Keys that are not
 * KrakenD's at all fall to {@link ConfigObject#warnUnknownKeys()}.
 */
final class UnsupportedKeys {
    private static final String PASS_THROUGH =
            "Tollgate passes the backend response through unchanged (no-op)";
    private static final String TIMEOUT = "Tollgate bounds the whole backend exchange with the endpoint timeout";
    private static final String POOL = "Tollgate keeps HTTP/1.1 connections alive in per-event-loop pools and "
            + "closes idle ones after extra_config[\"tollgate/server\"].idle_timeout";

    static final Map<String, String> GATEWAY = table(
            "cache_ttl", "Tollgate adds no Cache-Control header; the backend's pass through",
            "async_agent", "Tollgate has no async agents",
            "sequential_start", "Tollgate has no async agents",
            "plugin", "Tollgate loads no Go plugins",
            "tls", "Tollgate serves plain HTTP; terminate TLS in front of it",
            "client_tls", "Tollgate connects to https backends with the JDK trust store",
            "use_h2c", "Tollgate serves HTTP/1.1",
            "disable_rest", "endpoint paths always follow KrakenD's strict REST rules",
            "read_timeout", TIMEOUT,
            "write_timeout", TIMEOUT,
            "response_header_timeout", TIMEOUT,
            "expect_continue_timeout", TIMEOUT,
            "dialer_timeout", TIMEOUT,
            "dialer_fallback_delay", TIMEOUT,
            "dialer_keep_alive", POOL,
            "idle_timeout", POOL,
            "idle_connection_timeout", POOL,
            "disable_keep_alives", POOL,
            "max_idle_connections", POOL,
            "max_idle_connections_per_host", POOL,
            "disable_compression", "Tollgate forwards bodies as they are and never asks a backend for compression");

    static final Map<String, String> ENDPOINT = table(
            "cache_ttl", "Tollgate adds no Cache-Control header; the backend's pass through",
            "concurrent_calls", "Tollgate sends exactly one request to the backend per call");

    static final Map<String, String> BACKEND = table(
            "group", PASS_THROUGH,
            "mapping", PASS_THROUGH,
            "allow", PASS_THROUGH,
            "deny", PASS_THROUGH,
            "target", PASS_THROUGH,
            "is_collection", PASS_THROUGH);

    private UnsupportedKeys() {
    }

    /** Warns once for each key of {@code table} that {@code obj} has, and marks it read. */
    static void warn(ConfigObject obj, Map<String, String> table) {
        for (Map.Entry<String, String> e : table.entrySet()) {
            if (obj.has(e.getKey())) {
                obj.raw(e.getKey());
                obj.problems().warn(obj.path(e.getKey()), notSupported(e.getValue()));
            } else if (obj.keys().contains(e.getKey())) {
                obj.raw(e.getKey()); // an explicit null asks for nothing
            }
        }
    }

    static String notSupported(String instead) {
        return "not supported by Tollgate, ignored: " + instead;
    }

    private static Map<String, String> table(String... keysAndMessages) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndMessages.length; i += 2) {
            map.put(keysAndMessages[i], keysAndMessages[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
