package dev.tollgate.bench.report;

/**
 * How often the proxy fetched a token over the run. The proxy refreshes each token {@code refreshMarginSeconds}
 * before {@code expires_in} runs out, so one token lives {@code lifetime - margin} seconds from the proxy's point of
 * view, and a proxy that fetches exactly once per lifetime makes {@code 1 + floor(span / (lifetime - margin))}
 * requests, where the span runs from its first token request to when the counters were read.
 *
 * @param tokenRequests  token requests the bench token endpoint saw in total
 * @param rejected       of those, how many it rejected (wrong credentials or grant)
 * @param spanSeconds    from the first token request to when the counters were read
 * @param proxyUptimeSeconds how long the proxy process had been running when the counters were read
 * @param lifetimeSeconds  {@code expires_in} handed out
 * @param refreshMarginSeconds the proxy's refresh margin assumed for the expected count
 */
public record TokenSummary(long tokenRequests, long rejected, double spanSeconds, double proxyUptimeSeconds,
        int lifetimeSeconds,
        int refreshMarginSeconds) {

    /** Seconds between refreshes, or 0 if every request would refresh (lifetime not above the margin). */
    public int refreshPeriodSeconds() {
        return Math.max(0, lifetimeSeconds - refreshMarginSeconds);
    }

    /** Token requests a proxy that fetches exactly once per token lifetime makes, or -1 if not defined. */
    public long expected() {
        int period = refreshPeriodSeconds();
        return period == 0 || tokenRequests <= 0 ? -1 : 1 + (long) Math.floor(spanSeconds / period);
    }

    /** Observed over expected: 1.0 means exactly one token request per token lifetime. */
    public double perLifetime() {
        long expected = expected();
        return expected <= 0 ? Double.NaN : (double) tokenRequests / expected;
    }
}
