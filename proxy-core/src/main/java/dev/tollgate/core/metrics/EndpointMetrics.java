package dev.tollgate.core.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

/** One endpoint's request count per status class and its latency, resolved once; recording allocates nothing. */
public final class EndpointMetrics {
    private static final double NANOS_PER_SECOND = 1e9;

    /** Index = status / 100 (1..5); 0 for anything outside 100-599. */
    private final CounterDataPoint[] byClass = new CounterDataPoint[6];
    private final DistributionDataPoint seconds;

    EndpointMetrics(Counter requests, Histogram latency, String endpoint, String method) {
        for (int c = 0; c < byClass.length; c++) {
            byClass[c] = requests.labelValues(endpoint, method, c == 0 ? "other" : c + "xx");
        }
        seconds = latency.labelValues(endpoint, method);
    }

    /** A request of this endpoint was answered with {@code status} after {@code nanos}. */
    public void record(int status, long nanos) {
        int c = status >= 100 && status < 600 ? status / 100 : 0;
        byClass[c].inc();
        seconds.observe(nanos / NANOS_PER_SECOND);
    }
}
