package dev.tollgate.core.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

/** One backend's latency and failures by kind, resolved once; recording allocates nothing. */
public final class BackendMetrics {
    private static final double NANOS_PER_SECOND = 1e9;

    /** Why a backend call failed, as the {@code kind} label says it. */
    public enum Failure {
        /** The backend refused the connection. */
        REFUSED,
        /** The connection could not be opened otherwise (unreachable, DNS, TLS handshake). */
        CONNECT,
        /** The backend closed, reset or answered garbage. */
        RESET,
        TIMEOUT,
        /** The backend answered 5xx. */
        STATUS_5XX,
        /** The answer broke after its head reached the client. */
        BROKEN,
        /** A gate refused before the call (no token: the identity provider is failing). */
        REJECTED,
        /** A data endpoint's backend answered, but not with usable data. */
        BAD_ANSWER;

        String label() {
            return this == STATUS_5XX ? "5xx" : GatewayMetrics.lower(name());
        }
    }

    private final DistributionDataPoint seconds;
    private final CounterDataPoint[] failures = new CounterDataPoint[Failure.values().length];

    BackendMetrics(Histogram latency, Counter errors, String endpoint, String backend) {
        seconds = latency.labelValues(endpoint, backend);
        for (Failure f : Failure.values()) {
            failures[f.ordinal()] = errors.labelValues(endpoint, backend, f.label());
        }
    }

    /** The backend answered {@code status}, its whole answer in after {@code nanos}. */
    public void answered(int status, long nanos) {
        seconds.observe(nanos / NANOS_PER_SECOND);
        if (status >= 500) {
            failures[Failure.STATUS_5XX.ordinal()].inc();
        }
    }

    public void failed(Failure kind) {
        failures[kind.ordinal()].inc();
    }
}
