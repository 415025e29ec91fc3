package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads where metrics are served. KrakenD's {@code telemetry/opentelemetry} Prometheus exporters (krakend-otel:
 * {@code port} default 9090, {@code host} default all interfaces, path {@code /metrics}) are served as written; its
 * OTLP exporters and traces are not (one warning). KrakenD's legacy {@code telemetry/metrics} JSON stats are mapped
 * to the same Prometheus text on its {@code listen_address} (one warning). Tollgate's own
 * {@code tollgate/server.metrics_port} adds a listener on the gateway's {@code listen_ip}.
 */
final class MetricsParser {
    static final String OTEL = "telemetry/opentelemetry";
    static final String LEGACY_METRICS = "telemetry/metrics";
    static final String LEGACY_METRICS_ALIAS = "github_com/devopsfaith/krakend-metrics";
    static final int DEFAULT_PROMETHEUS_PORT = 9090;
    static final String DEFAULT_LEGACY_ADDRESS = ":8090";

    private MetricsParser() {
    }

    /**
     * @param extra          the top-level extra_config, or null
     * @param server         the tollgate/server block, or null
     * @param gatewayPort    the public port: a metrics listener may not take it
     * @param gatewayListenIp the public listen address (null: all interfaces), for metrics_port
     */
    static MetricsOptions parse(ConfigObject extra, ConfigObject server, int gatewayPort, String gatewayListenIp) {
        List<MetricsOptions.Listener> listeners = new ArrayList<>();
        boolean jvm = false;
        if (extra != null) {
            ConfigObject otel = extra.object(OTEL);
            if (otel != null) {
                jvm = openTelemetry(otel, listeners);
            }
            ConfigObject legacy = extra.object(LEGACY_METRICS_ALIAS);
            if (legacy == null) {
                legacy = extra.object(LEGACY_METRICS);
            } else {
                extra.raw(LEGACY_METRICS);
            }
            if (legacy != null) {
                legacyMetrics(legacy, listeners);
            }
        }
        if (server != null) {
            int port = server.integer("metrics_port", 0, 0, 65535);
            if (port > 0) {
                listeners.add(new MetricsOptions.Listener(gatewayListenIp == null ? "" : gatewayListenIp, port,
                        List.of("/metrics"), server.path("metrics_port").toString()));
            }
            jvm |= server.bool("jvm_metrics", false);
        }
        ConfigProblems problems = extra != null ? extra.problems() : server != null ? server.problems() : null;
        List<Integer> seen = new ArrayList<>();
        for (MetricsOptions.Listener l : listeners) {
            if (gatewayPort != 0 && l.port() == gatewayPort) {
                problems.error(JsonPath.ROOT.key("port"), "the metrics listener at " + l.from() + " takes the "
                        + "gateway's own port " + gatewayPort + ": metrics are never served on the public listener; "
                        + "give them a port of their own");
            }
            if (seen.contains(l.port())) {
                problems.error(JsonPath.ROOT.key("extra_config"), "two metrics listeners on port " + l.port()
                        + " (" + l.from() + ")");
            }
            seen.add(l.port());
        }
        return listeners.isEmpty() ? MetricsOptions.OFF : new MetricsOptions(listeners, jvm);
    }

    private static boolean openTelemetry(ConfigObject otel, List<MetricsOptions.Listener> listeners) {
        boolean jvm = false;
        boolean otlp = false;
        ConfigObject exporters = otel.object("exporters");
        if (exporters != null) {
            List<JsonNode> prometheus = exporters.array("prometheus");
            for (int i = 0; i < prometheus.size(); i++) {
                JsonPath at = exporters.path("prometheus").index(i);
                ConfigObject p = ConfigObject.of(prometheus.get(i), at, otel.problems());
                if (p == null) {
                    continue;
                }
                p.string("name", null);
                boolean disabled = p.bool("disable_metrics", false);
                int port = p.integer("port", DEFAULT_PROMETHEUS_PORT, 0, 65535);
                if (port == 0) {
                    port = DEFAULT_PROMETHEUS_PORT; // krakend-otel's rule: 0 is its default port
                }
                String host = p.string("host", "");
                jvm |= p.bool("process_metrics", false) | p.bool("go_metrics", false);
                p.warnUnknownKeys();
                if (!disabled) {
                    listeners.add(new MetricsOptions.Listener(host, port, List.of("/metrics"), at.toString()));
                }
            }
            otlp = !exporters.array("otlp").isEmpty();
            exporters.warnUnknownKeys();
        }
        // The rest shapes what KrakenD exports (layers, sample rates, skip paths): Tollgate exports its own set.
        for (String key : otel.keys()) {
            otel.raw(key);
        }
        if (otlp) {
            otel.problems().warn(otel.path("exporters").key("otlp"), "OTLP exporters are not served: Tollgate "
                    + "exports no traces and pushes no metrics; scrape its Prometheus endpoint instead");
        }
        return jvm;
    }

    /** krakend-metrics' JSON stats, mapped to the Prometheus text on the same address (and at its /__stats). */
    private static void legacyMetrics(ConfigObject legacy, List<MetricsOptions.Listener> listeners) {
        String address = legacy.string("listen_address", DEFAULT_LEGACY_ADDRESS);
        for (String key : legacy.keys()) {
            legacy.raw(key); // collection_time, proxy_disabled, ...: KrakenD's stats knobs
        }
        int colon = address.lastIndexOf(':');
        int port = -1;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port <= 0 || port > 65535) {
            legacy.problems().error(legacy.path("listen_address"), "\"" + address + "\" is not host:port "
                    + "(e.g. \":8090\")");
            return;
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        listeners.add(new MetricsOptions.Listener(host, port, List.of("/__stats", "/__stats/", "/metrics"),
                legacy.path().toString()));
        legacy.problems().warn(legacy.path(), "KrakenD's JSON stats are served as Prometheus text at http://"
                + address + "/__stats (and /metrics), not in krakend-metrics' JSON shape");
    }
}
