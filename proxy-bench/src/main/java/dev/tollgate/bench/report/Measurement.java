package dev.tollgate.bench.report;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Everything measured for one target in one load model, all rounds together.
 *
 * @param target        the target's name ({@code direct}, {@code proxy}, {@code proxy-cc}, or an external one)
 * @param kind          what the target is ({@code DIRECT}, {@code PROXY}, {@code PROXY_CLIENT_CREDENTIALS},
 *                      {@code EXTERNAL})
 * @param mode          {@code open} or {@code closed}
 * @param url           the URL requested
 * @param latency       latencies of 2xx responses in nanoseconds, rounds merged
 * @param ok            2xx responses
 * @param non2xx        responses with another status
 * @param badBody       2xx responses whose body was not the origin's payload (length checked)
 * @param ioErrors      failed connects and connections lost with a request in flight
 * @param timeouts      responses that did not complete within the timeout
 * @param unsent        open model: requests due that could not be sent before the run was cut off
 * @param elapsedNanos  measured time, rounds summed (start of each run to its last response)
 * @param proxyCpuNanos CPU time the proxy process used during these runs, or -1 when not known
 * @param proxySysNanos of that, the time in the kernel (system calls), or -1 when not known
 * @param proxyRssKiB   the proxy's largest resident set size seen after one of these runs, or -1
 * @param tokenRequests token requests the bench token endpoint saw during these runs
 * @param originRequests requests the origin saw during these runs
 * @param originAuthorized of those, how many carried {@code Authorization: Bearer ...}
 * @param rounds        how many runs were merged
 * @param roundThroughputs throughput of each run, in round order: their spread shows how steady the machine was
 * @param process       the process whose CPU and memory these are ({@code proxy}, {@code proxy-tls},
 *                      {@code haproxy}, {@code nginx}), or {@code ""} for none
 * @param payload       the body size of every 2xx response in bytes, or -1 when unknown
 * @param tls           whether the target was requested over HTTPS
 */
public record Measurement(String target, String kind, String mode, String url, Histogram latency, long ok,
        long non2xx, long badBody, long ioErrors, long timeouts, long unsent, long elapsedNanos, long proxyCpuNanos,
        long proxySysNanos, long proxyRssKiB, long tokenRequests, long originRequests, long originAuthorized,
        int rounds,
        List<Double> roundThroughputs, String process, int payload, boolean tls) {

    public Measurement {
        requireNonNull(target, "target");
        requireNonNull(kind, "kind");
        requireNonNull(mode, "mode");
        requireNonNull(url, "url");
        requireNonNull(latency, "latency");
        requireNonNull(process, "process");
        roundThroughputs = List.copyOf(roundThroughputs);
    }

    /** Response body bytes per second of 2xx responses, in MiB/s; NaN when the body size is unknown. */
    public double mebibytesPerSecond() {
        return payload < 0 ? Double.NaN : throughput() * payload / (1024.0 * 1024.0);
    }

    /** (max - min) / mean of the per-round throughputs, in percent; NaN with fewer than two rounds. */
    public double throughputSpreadPercent() {
        if (roundThroughputs.size() < 2) {
            return Double.NaN;
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        double sum = 0;
        for (double t : roundThroughputs) {
            min = Math.min(min, t);
            max = Math.max(max, t);
            sum += t;
        }
        double mean = sum / roundThroughputs.size();
        return mean == 0 ? Double.NaN : (max - min) * 100 / mean;
    }

    public long errors() {
        return non2xx + badBody + ioErrors + timeouts + unsent;
    }

    /** Successful responses per second of measured time. */
    public double throughput() {
        return elapsedNanos <= 0 ? 0 : ok * 1e9 / elapsedNanos;
    }

    /** Latency at {@code percentile} (0-100) in milliseconds; NaN without data. */
    public double latencyMillis(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
    }

    public double maxMillis() {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1e6;
    }

    /** Share of the proxy's CPU time spent in the kernel, in percent, or NaN when not known. */
    public double proxySysPercent() {
        return proxyCpuNanos <= 0 || proxySysNanos < 0 ? Double.NaN : proxySysNanos * 100.0 / proxyCpuNanos;
    }

    /** Proxy CPU microseconds per successful request, or NaN when not known. */
    public double proxyCpuMicrosPerRequest() {
        return proxyCpuNanos < 0 || ok == 0 ? Double.NaN : proxyCpuNanos / 1e3 / ok;
    }
}
