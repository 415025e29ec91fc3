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
 * @param holderDelays   one entry per token holder the proxies run (one per credential set per Tollgate process,
 *                       each fetching on its own schedule): how many seconds after the first proxy its process
 *                       started, so a holder that began later is not expected to have fetched as often
 * @param perClient      token requests per client id, as the token endpoint counted them
 */
public record TokenSummary(long tokenRequests, long rejected, double spanSeconds, double proxyUptimeSeconds,
        int lifetimeSeconds,
        int refreshMarginSeconds, java.util.List<Double> holderDelays, java.util.Map<String, Long> perClient) {

    public TokenSummary {
        perClient = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perClient));
        holderDelays = java.util.List.copyOf(holderDelays);
        if (holderDelays.isEmpty()) {
            throw new IllegalArgumentException("holderDelays: at least one holder expected");
        }
    }

    /** One token holder, per-client counts not known. */
    public TokenSummary(long tokenRequests, long rejected, double spanSeconds, double proxyUptimeSeconds,
            int lifetimeSeconds, int refreshMarginSeconds) {
        this(tokenRequests, rejected, spanSeconds, proxyUptimeSeconds, lifetimeSeconds, refreshMarginSeconds,
                java.util.List.of(0.0), java.util.Map.of());
    }

    public int holders() {
        return holderDelays.size();
    }

    /** Seconds between refreshes, or 0 if every request would refresh (lifetime not above the margin). */
    public int refreshPeriodSeconds() {
        return Math.max(0, lifetimeSeconds - refreshMarginSeconds);
    }

    /**
     * Token requests proxies that fetch exactly once per token lifetime make, or -1 if not defined: per holder
     * {@code 1 + floor((span - its delay) / period)}, the span running from the first token request.
     */
    public long expected() {
        int period = refreshPeriodSeconds();
        if (period == 0 || tokenRequests <= 0) {
            return -1;
        }
        long expected = 0;
        for (double delay : holderDelays) {
            expected += 1 + (long) Math.floor(Math.max(0, spanSeconds - delay) / period);
        }
        return expected;
    }

    /** Observed over expected: 1.0 means exactly one token request per token lifetime. */
    public double perLifetime() {
        long expected = expected();
        return expected <= 0 ? Double.NaN : (double) tokenRequests / expected;
    }
}
