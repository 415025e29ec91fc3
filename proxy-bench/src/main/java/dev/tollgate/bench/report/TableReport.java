package dev.tollgate.bench.report;

import java.io.PrintStream;
import java.util.Locale;

/** The human-readable summary printed at the end of a run. */
public final class TableReport {
    private static final String ROW = "%-16s %-6s %10s %8s %7s %9s %9s %9s %9s %9s %7s %8s %5s %8s %8s %7s%n";

    private TableReport() {
    }

    public static void print(BenchReport report, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, ROW, "target", "mode", "req/s", "MiB/s", "spread", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
                "max ms",
                "errors", "cpu s", "sys", "cpu us/r", "rss MiB", "tokens");
        for (Measurement m : report.measurements()) {
            out.printf(Locale.ROOT, ROW, m.target(), m.mode(), fmt(m.throughput(), 0),
                    fmt(m.mebibytesPerSecond(), 1),
                    Double.isNaN(m.throughputSpreadPercent()) ? "-" : fmt(m.throughputSpreadPercent(), 0) + "%",
                    fmt(m.latencyMillis(50), 3),
                    fmt(m.latencyMillis(90), 3), fmt(m.latencyMillis(99), 3), fmt(m.latencyMillis(99.9), 3),
                    fmt(m.maxMillis(), 3), Long.toString(m.errors()),
                    m.proxyCpuNanos() < 0 ? "-" : fmt(m.proxyCpuNanos() / 1e9, 2),
                    Double.isNaN(m.proxySysPercent()) ? "-" : fmt(m.proxySysPercent(), 0) + "%",
                    fmt(m.proxyCpuMicrosPerRequest(), 1),
                    m.proxyRssKiB() < 0 ? "-" : fmt(m.proxyRssKiB() / 1024.0, 0),
                    Long.toString(m.tokenRequests()));
        }
        out.println("(spread: (max-min)/mean of the rounds' throughputs; latency of 2xx responses, open model from"
                + " the intended send time; cpu, rss: the process behind the target (Tollgate's JVM, a peer's process"
                + " tree), sys: kernel share of its cpu; tokens: token"
                + " requests the IdP saw during that target's runs, refreshes happen in the background whatever is"
                + " measured)");
        for (Measurement m : report.measurements()) {
            if ((m.kind().equals("PROXY_CLIENT_CREDENTIALS") || m.kind().equals("PROXY_CREDENTIAL_SETS")
                    || m.kind().equals("PEER_STATIC_BEARER")) && m.originRequests() > 0) {
                out.printf(Locale.ROOT, "%s %s: origin saw %d requests, %d with a bearer Authorization header%n",
                        m.target(), m.mode(), m.originRequests(), m.originAuthorized());
            }
        }
        if (!report.ratios().isEmpty()) {
            out.println();
            out.println("ratios (throughput: higher is better; latency: lower is better)");
            for (Ratio r : report.ratios()) {
                out.printf(Locale.ROOT, "  %-6s %-34s %-30s %s%n", r.mode(), r.label(), r.metric(),
                        fmt(r.value(), 3));
            }
        }
        TokenSummary t = report.tokens();
        if (t != null) {
            out.println();
            out.printf(Locale.ROOT, "token requests: %d (rejected %d) in %.1f s since the first one (proxy up %.1f s);"
                            + " expires_in %d s, refresh margin %d s, %d token holder%s -> expected %s; per token"
                            + " lifetime %s%n",
                    t.tokenRequests(), t.rejected(), t.spanSeconds(), t.proxyUptimeSeconds(), t.lifetimeSeconds(),
                    t.refreshMarginSeconds(), t.holders(), t.holders() == 1 ? "" : "s",
                    t.expected() < 0 ? "n/a" : Long.toString(t.expected()), fmt(t.perLifetime(), 2));
            if (t.perClient().size() > 1) {
                long min = t.perClient().values().stream().mapToLong(Long::longValue).min().orElse(0);
                long max = t.perClient().values().stream().mapToLong(Long::longValue).max().orElse(0);
                out.printf(Locale.ROOT, "token requests per client id: %d clients, %d to %d each (results.json"
                        + " lists them)%n", t.perClient().size(), min, max);
            }
        }
        if (!report.idle().isEmpty()) {
            out.println();
            out.println("idle keep-alive connections (opened to one process at a time before the rounds, then"
                    + " closed):");
            for (IdleMemory idle : report.idle()) {
                out.printf(Locale.ROOT, "  %-10s %6d of %6d open: rss %s -> %s MiB, %s KiB per connection%n",
                        idle.process(), idle.opened(), idle.requested(), fmt(idle.rssBeforeKiB() / 1024.0, 1),
                        fmt(idle.rssAfterKiB() / 1024.0, 1), fmt(idle.kibPerConnection(), 2));
            }
        }
        for (String note : report.notes()) {
            out.println(note);
        }
    }

    static String fmt(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
