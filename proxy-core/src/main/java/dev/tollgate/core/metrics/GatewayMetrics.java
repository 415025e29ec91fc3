package dev.tollgate.core.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One gateway's metrics, in a registry of its own (two gateways in one JVM, as in tests, never mix). Labels are
 * bounded by the config: endpoint templates and backend url_patterns as written, a method from a fixed list,
 * status classes; never a raw path, a client address, a token or a secret.
 */
public final class GatewayMetrics {
    /** Latency buckets for a proxy: sub-millisecond to the longest sensible timeout. */
    static final double[] SECONDS_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
            2.5, 5, 10, 30};
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "CONNECT", "TRACE");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram requestSeconds;
    private final Histogram backendSeconds;
    private final Counter backendFailures;
    private final Map<String, EndpointMetrics> unrouted = new ConcurrentHashMap<>();

    public GatewayMetrics(boolean jvmMetrics) {
        requests = Counter.builder().name("tollgate_requests_total")
                .help("Requests answered, by endpoint template, method and status class")
                .labelNames("endpoint", "method", "code").withoutExemplars().register(registry);
        requestSeconds = Histogram.builder().name("tollgate_request_duration_seconds")
                .help("Time from a request's head to the last byte of its answer, as the client sees it")
                .labelNames("endpoint", "method").classicOnly().classicUpperBounds(SECONDS_BUCKETS)
                .withoutExemplars().register(registry);
        backendSeconds = Histogram.builder().name("tollgate_backend_request_duration_seconds")
                .help("Time from sending a backend request to the end of its answer")
                .labelNames("endpoint", "backend").classicOnly().classicUpperBounds(SECONDS_BUCKETS)
                .withoutExemplars().register(registry);
        backendFailures = Counter.builder().name("tollgate_backend_errors_total")
                .help("Backend calls that failed, by kind: refused, connect, reset, timeout, 5xx, broken, "
                        + "rejected (a gate such as the token refused), bad_answer")
                .labelNames("endpoint", "backend", "kind").withoutExemplars().register(registry);
        if (jvmMetrics) {
            JvmMetrics.builder().register(registry);
        }
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The data points of one routed endpoint (resolved now, once). */
    public EndpointMetrics endpoint(String template, String method) {
        return new EndpointMetrics(requests, requestSeconds, template, method);
    }

    /**
     * The data points of a request that no endpoint answered: {@code kind} is one of a few fixed names
     * ({@code NoRoute}, {@code NoMethod}, {@code invalid}, {@code preflight}, a reserved path).
     */
    public EndpointMetrics unrouted(String kind, String method) {
        String m = METHODS.contains(method) ? method : "OTHER";
        return unrouted.computeIfAbsent(kind + ' ' + m, k -> new EndpointMetrics(requests, requestSeconds, kind, m));
    }

    /** The data points of one backend of one endpoint. */
    public BackendMetrics backend(String endpoint, String backend) {
        return new BackendMetrics(backendSeconds, backendFailures, endpoint, backend);
    }

    /** A gauge read at scrape time (connections, pool sizes): nothing on the request path. */
    public void gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.getAsLong())).register(registry);
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
