package dev.tollgate.bench.load;

import static java.util.Objects.requireNonNull;

/**
 * How to load one target for one run.
 *
 * @param mode        open (constant rate, latency from the intended send time) or closed (as fast as possible)
 * @param connections keep-alive connections, each with at most one request in flight
 * @param rate        requests per second over all connections (open model only)
 * @param durationNanos how long requests are started for
 * @param timeoutNanos  how long one response may take before it counts as a timeout and its connection is replaced
 * @param expectedBodyBytes the body length every 2xx response must have (a proxy that answers 200 with the wrong
 *                      body is not fast, it is broken), or -1 not to check
 */
record LoadSpec(Mode mode, int connections, int rate, long durationNanos, long timeoutNanos,
        long expectedBodyBytes) {
    enum Mode {
        OPEN, CLOSED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    LoadSpec {
        requireNonNull(mode, "mode");
        if (connections < 1) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: >= 1)");
        }
        if (mode == Mode.OPEN && rate < 1) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: >= 1)");
        }
        if (durationNanos <= 0 || timeoutNanos <= 0) {
            throw new IllegalArgumentException("duration and timeout must be > 0");
        }
    }
}
