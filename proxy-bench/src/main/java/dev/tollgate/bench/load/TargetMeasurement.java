package dev.tollgate.bench.load;

import dev.tollgate.bench.report.Measurement;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Accumulates one target's runs in one load model across rounds, and writes their per-second interval histograms
 * to {@code <target>-<mode>.hlog} (values in nanoseconds, tagged with the round) as they come in.
 */
final class TargetMeasurement implements AutoCloseable {
    private final Target target;
    private final LoadSpec.Mode mode;
    private final Histogram latency = newHistogram();
    private final PrintStream hlogStream;
    private final HistogramLogWriter hlog;
    private RunCounts counts = RunCounts.zero();
    private long proxyCpuNanos = -1;
    private long proxySysNanos = -1;
    private long proxyRssKiB = -1;
    private long tokenRequests;
    private long originRequests;
    private long originAuthorized;
    private int rounds;
    private final List<Double> roundThroughputs = new ArrayList<>();

    TargetMeasurement(Target target, LoadSpec.Mode mode, Path dir) throws FileNotFoundException {
        this.target = target;
        this.mode = mode;
        hlogStream = new PrintStream(dir.resolve(target.name() + "-" + mode.label() + ".hlog").toFile());
        hlog = new HistogramLogWriter(hlogStream);
        long now = System.currentTimeMillis();
        hlog.outputComment("Tollgate load harness: target " + target.name() + " (" + target.url() + "), "
                + mode.label() + " model, latency in nanoseconds");
        hlog.outputLogFormatVersion();
        hlog.outputStartTime(now);
        hlog.setBaseTime(now);
        hlog.outputLegend();
    }

    static Histogram newHistogram() {
        return new Histogram(LoadConnection.HIGHEST_LATENCY_NANOS, 3);
    }

    Target target() {
        return target;
    }

    /** One interval (about a second) of a run: logged and added to the total. */
    void addInterval(Histogram interval, int round) {
        interval.setTag("round-" + round);
        hlog.outputIntervalHistogram(interval);
        latency.add(interval);
    }

    /** One finished run; {@code cpuNanos}, {@code sysNanos}, {@code rssKiB} are -1 without a proxy process we own. */
    void addRun(RunCounts run, long cpuNanos, long sysNanos, long rssKiB, long tokens, long originReqs,
            long originAuth) {
        counts = counts.plus(run);
        if (cpuNanos >= 0) {
            proxyCpuNanos = Math.max(proxyCpuNanos, 0) + cpuNanos;
            proxySysNanos = Math.max(proxySysNanos, 0) + sysNanos;
        }
        proxyRssKiB = Math.max(proxyRssKiB, rssKiB);
        tokenRequests += tokens;
        originRequests += originReqs;
        originAuthorized += originAuth;
        rounds++;
        roundThroughputs.add(run.elapsedNanos() == 0 ? 0.0 : run.ok() * 1e9 / run.elapsedNanos());
    }

    Measurement toMeasurement() {
        return new Measurement(target.name(), target.kind().name(), mode.label(), target.url(), latency.copy(),
                counts.ok(), counts.non2xx(), counts.badBody(), counts.ioErrors(), counts.timeouts(), counts.unsent(),
                counts.elapsedNanos(), proxyCpuNanos, proxySysNanos, proxyRssKiB, tokenRequests, originRequests,
                originAuthorized,
                rounds, roundThroughputs, target.process() == null ? "" : target.process(), target.payload(),
                target.tls());
    }

    @Override
    public void close() {
        hlogStream.close();
    }
}
