package dev.tollgate.core.config;

import java.util.List;

/**
 * Where the Prometheus text endpoint listens, if anywhere: never on the public listener, always on a port of its
 * own. Read from KrakenD's {@code telemetry/opentelemetry} Prometheus exporters, its legacy {@code telemetry/metrics}
 * address, or Tollgate's {@code tollgate/server} {@code metrics_port}.
 *
 * @param listeners  one per exporter; empty when metrics are off
 * @param jvmMetrics also export the JVM's and the process's own metrics ({@code process_metrics} /
 *                   {@code go_metrics} in KrakenD's exporter)
 */
public record MetricsOptions(List<Listener> listeners, boolean jvmMetrics) {
    public static final MetricsOptions OFF = new MetricsOptions(List.of(), false);

    public MetricsOptions {
        listeners = List.copyOf(listeners);
    }

    public boolean enabled() {
        return !listeners.isEmpty();
    }

    /**
     * One metrics listener.
     *
     * @param host  the address to bind; empty means all interfaces (as Go's {@code ":9090"})
     * @param port  the port
     * @param paths the paths that answer with the metrics ({@code /metrics}; {@code /__stats} too for
     *              {@code telemetry/metrics})
     * @param from  the JSON path it was configured at, for log lines and start errors
     */
    public record Listener(String host, int port, List<String> paths, String from) {
        public Listener {
            paths = List.copyOf(paths);
        }
    }
}
