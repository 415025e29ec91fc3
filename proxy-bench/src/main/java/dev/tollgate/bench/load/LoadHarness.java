package dev.tollgate.bench.load;

import dev.tollgate.bench.process.ChildProcess;
import dev.tollgate.bench.process.ProcStats;
import dev.tollgate.bench.report.BenchReport;
import dev.tollgate.bench.report.HtmlReport;
import dev.tollgate.bench.report.IdleMemory;
import dev.tollgate.bench.report.JsonReport;
import dev.tollgate.bench.report.Measurement;
import dev.tollgate.bench.report.Ratios;
import dev.tollgate.bench.report.TableReport;
import dev.tollgate.bench.report.TokenSummary;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The end-to-end load harness: starts the origin, the token endpoint and the proxy as separate JVMs, warms each
 * target up, then measures them in interleaved rounds (A B C A B C ...) so drift of the machine (thermal, other
 * load, JIT) spreads over all targets alike, and reports throughput, latency percentiles, errors, the proxy's CPU
 * and memory, token requests and the side-by-side ratios. Run with {@code --help} for the options.
 */
public final class LoadHarness {
    private final HarnessOptions options;
    private final PrintStream out;
    private final boolean console = System.console() != null;

    private LoadHarness(HarnessOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out));
    }

    /** Runs the harness; returns the process exit status (0 done, 1 failed, 2 bad options). */
    public static int run(String[] argv, PrintStream out) {
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(HarnessOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(HarnessOptions.USAGE);
            return 0;
        }
        try {
            FileLimit.require(options.idleConnections(), options.connections());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            new LoadHarness(options, out).execute(String.join(" ", argv));
            return 0;
        } catch (Exception e) {
            System.err.println("load harness failed: " + e);
            return 1;
        }
    }

    private void execute(String commandLine) throws Exception {
        Files.createDirectories(options.out());
        BenchEnvironment env = new BenchEnvironment(options, out);
        Thread cleanup = new Thread(env::close, "bench-cleanup"); // nothing lingers, also on Ctrl-C
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (env) {
            env.start();
            try (LoadGenerator generator = new LoadGenerator(options.clientThreads(), clientTls(env))) {
                List<Target> targets = env.targets();
                List<RequestTemplate> templates = new ArrayList<>();
                for (Target target : targets) {
                    templates.add(RequestTemplate.get(target.urls(), target.authorization()));
                    out.printf("pre-flight  %-16s %s -> %s%n", target.name(), target.url(),
                            preflight(env.control(), target));
                }
                List<IdleMemory> idle = idleMemory(generator, env, targets, templates);
                warmUp(generator, targets, templates);
                List<TargetMeasurement> measurements = measure(generator, env, targets, templates);
                BenchReport report = report(env, measurements, idle, commandLine);
                TableReport.print(report, out);
                JsonReport.write(report, options.out().resolve("results.json"));
                HtmlReport.write(report, options.out());
                out.println("\nwritten to " + options.out().toAbsolutePath() + ": results.json, report.html,"
                        + " latency-*.svg, *.hlog, krakend.json, peer configs, *.log");
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running anyway
            }
        }
    }

    /** Netty's client context trusting the run's certificate, or null without --https. */
    private static SslContext clientTls(BenchEnvironment env) throws SSLException {
        if (env.certificate() == null) {
            return null;
        }
        return SslContextBuilder.forClient().trustManager(env.certificate().x509())
                .endpointIdentificationAlgorithm("HTTPS").build();
    }

    /** Every URL of the target once (a credential-sets target has one per set): the status, or the first failure. */
    private static String preflight(ControlClient control, Target target) {
        String result = null;
        for (String url : target.urls()) {
            ControlClient.Reply reply = control.get(url, Duration.ofSeconds(30), target.authorization());
            String status = reply.status() < 0 ? "failed: " + reply.body() : Integer.toString(reply.status());
            if (result == null || !reply.ok()) {
                result = status + (target.urls().size() > 1 ? " (" + url + ")" : "");
            }
            if (!reply.ok()) {
                break;
            }
        }
        return target.urls().size() > 1 && result.startsWith("2") ? result.substring(0, 3) + " (all "
                + target.urls().size() + " URLs)" : result;
    }

    /**
     * {@code --idle-connections N}: for each proxy process in turn, its resident memory before N idle keep-alive
     * connections are opened and with them open; they are closed before the next process, so the harness needs
     * file descriptors for one process's connections at a time and the rounds run without them.
     */
    private List<IdleMemory> idleMemory(LoadGenerator generator, BenchEnvironment env, List<Target> targets,
            List<RequestTemplate> templates) throws InterruptedException {
        List<IdleMemory> result = new ArrayList<>();
        if (options.idleConnections() == 0) {
            return result;
        }
        for (String name : env.processNames()) {
            int index = -1;
            for (int i = 0; i < targets.size() && index < 0; i++) {
                if (name.equals(targets.get(i).process())) {
                    index = i;
                }
            }
            if (index < 0) {
                continue;
            }
            ChildProcess process = env.process(name);
            long before = process.stats().rssKiB();
            try (IdleConnections idle = IdleConnections.open(generator.bootstrap(), generator.tls(),
                    templates.get(index), options.idleConnections())) {
                Thread.sleep(1000); // let the proxy finish what the connections made it allocate
                int open = idle.open();
                long after = process.stats().rssKiB();
                result.add(new IdleMemory(name, options.idleConnections(), open, before, after));
                out.printf(Locale.ROOT, "idle        %-10s %d of %d connections open (via %s): rss %.1f -> %.1f MiB%n",
                        name, open, options.idleConnections(), targets.get(index).name(), before / 1024.0,
                        after / 1024.0);
            }
        }
        return result;
    }

    private void warmUp(LoadGenerator generator, List<Target> targets, List<RequestTemplate> templates)
            throws InterruptedException {
        if (options.warmupMillis() == 0) {
            return;
        }
        LoadSpec.Mode mode = options.modes().contains(LoadSpec.Mode.CLOSED) ? LoadSpec.Mode.CLOSED
                : LoadSpec.Mode.OPEN;
        // two interleaved passes, so the target warmed first is not the coldest by the time rounds start
        long perPass = Math.max(1, options.warmupMillis() / 2);
        for (int pass = 1; pass <= 2; pass++) {
            for (int i = 0; i < targets.size(); i++) {
                out.printf("warm-up %d/2 %-10s %s model, %.1fs%n", pass, targets.get(i).name(), mode.label(),
                        perPass / 1000.0);
                generator.run(templates.get(i), options.spec(mode, perPass,
                        targets.get(i).expectedBodyBytes()), new Recorder(3), () -> { });
            }
        }
    }

    private List<TargetMeasurement> measure(LoadGenerator generator, BenchEnvironment env, List<Target> targets,
            List<RequestTemplate> templates) throws Exception {
        Map<String, TargetMeasurement> byKey = new LinkedHashMap<>();
        for (LoadSpec.Mode mode : options.modes()) {
            for (Target target : targets) {
                byKey.put(mode + target.name(), new TargetMeasurement(target, mode, options.out()));
            }
        }
        try {
            for (int round = 1; round <= options.rounds(); round++) {
                for (LoadSpec.Mode mode : options.modes()) {
                    for (int i = 0; i < targets.size(); i++) {
                        Target target = targets.get(i);
                        runOnce(generator, env, templates.get(i), byKey.get(mode + target.name()), mode, round);
                    }
                }
            }
        } finally {
            byKey.values().forEach(TargetMeasurement::close);
        }
        return new ArrayList<>(byKey.values());
    }

    private void runOnce(LoadGenerator generator, BenchEnvironment env, RequestTemplate template,
            TargetMeasurement measurement, LoadSpec.Mode mode, int round) throws Exception {
        Target target = measurement.target();
        ChildProcess proxy = env.process(target.process());
        ProcStats procBefore = proxy == null ? null : proxy.stats();
        ControlClient.Reply originBefore = env.originStats();
        ControlClient.Reply idpBefore = env.idpStats();
        Recorder recorder = new Recorder(LoadConnection.HIGHEST_LATENCY_NANOS, 3);
        long[] intervals = {0};
        long startNanos = System.nanoTime();
        LoadSpec spec = options.spec(mode, options.durationMillis(), target.expectedBodyBytes());
        RunCounts counts = generator.run(template, spec, recorder, () -> {
            Histogram interval = recorder.getIntervalHistogram();
            measurement.addInterval(interval, round);
            intervals[0]++;
            if (console) {
                out.printf(Locale.ROOT, "\r%-6s round %d/%d  %-10s %5.1fs  %8.0f req/s  p99 %8.3f ms   ", mode.label(),
                        round, options.rounds(), target.name(), (System.nanoTime() - startNanos) / 1e9,
                        interval.getTotalCount() * 1000.0
                                / Math.max(1, interval.getEndTimeStamp() - interval.getStartTimeStamp()),
                        interval.getValueAtPercentile(99) / 1e6);
            }
        });
        measurement.addInterval(recorder.getIntervalHistogram(), round);
        env.requireAlive();
        long cpu = -1;
        long sys = -1;
        long rss = -1;
        if (proxy != null) {
            ProcStats after = proxy.stats();
            cpu = after.cpuNanos() - procBefore.cpuNanos();
            sys = after.sysNanos() - procBefore.sysNanos();
            rss = after.rssKiB();
        }
        ControlClient.Reply originAfter = env.originStats();
        long tokens = env.idpStats().number("token_requests") - idpBefore.number("token_requests");
        measurement.addRun(counts, cpu, sys, rss, tokens,
                originAfter.number("requests") - originBefore.number("requests"),
                originAfter.number("authorized") - originBefore.number("authorized"));
        out.printf(Locale.ROOT, "%s%-6s round %d/%d  %-16s %8.0f req/s  errors %d%s%n", console ? "\r" : "",
                mode.label(), round, options.rounds(), target.name(),
                counts.elapsedNanos() == 0 ? 0.0 : counts.ok() * 1e9 / counts.elapsedNanos(), counts.errors(),
                console ? "                              " : "");
    }

    private BenchReport report(BenchEnvironment env, List<TargetMeasurement> runs, List<IdleMemory> idle,
            String commandLine) {
        List<Measurement> measurements = runs.stream().map(TargetMeasurement::toMeasurement).toList();
        TokenSummary tokens = null;
        ChildProcess proxy = env.proxy();
        if (proxy != null) {
            long now = System.currentTimeMillis();
            ControlClient.Reply idp = env.idpStats();
            long first = idp.number("first_epoch_ms");
            tokens = new TokenSummary(idp.number("token_requests"), idp.number("rejected"),
                    first > 0 ? (now - first) / 1000.0 : 0, proxy.uptime().toMillis() / 1000.0,
                    options.tokenLifetimeSeconds(),
                    options.refreshMarginSeconds(), env.tokenHolderDelays(), idp.counters("per_client"));
        }
        Map<String, String> environment = Environment.describe(commandLine, options);
        env.peerVersions().forEach((peer, version) -> environment.put(peer, version));
        return new BenchReport(environment, Environment.settings(options),
                measurements, Ratios.of(measurements), tokens, idle, env.notes());
    }
}
