package dev.tollgate.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The side-by-side figures the bench exists for, per load model: proxy / direct (what the hop costs), proxy with
 * client credentials / proxy without auth (what stamping costs; the target is a throughput ratio of at least 0.98),
 * and each external target / direct. Throughput, also as the median of per-round ratios; p50 and p99 latency; and,
 * where both targets are Tollgate, the proxy's CPU time per request (the steadiest figure on a shared machine).
 */
public final class Ratios {
    private Ratios() {
    }

    public static List<Ratio> of(List<Measurement> measurements) {
        List<Ratio> ratios = new ArrayList<>();
        for (String mode : measurements.stream().map(Measurement::mode).distinct().toList()) {
            List<Measurement> inMode = measurements.stream().filter(m -> m.mode().equals(mode)).toList();
            Optional<Measurement> direct = kind(inMode, "DIRECT");
            Optional<Measurement> proxy = kind(inMode, "PROXY");
            Optional<Measurement> clientCredentials = kind(inMode, "PROXY_CLIENT_CREDENTIALS");
            if (direct.isPresent() && proxy.isPresent()) {
                add(ratios, mode, proxy.get(), direct.get());
            }
            if (proxy.isPresent() && clientCredentials.isPresent()) {
                add(ratios, mode, clientCredentials.get(), proxy.get());
            }
            Optional<Measurement> merge = kind(inMode, "PROXY_MERGE");
            if (proxy.isPresent() && merge.isPresent()) {
                add(ratios, mode, merge.get(), proxy.get()); // what decoding, merging and encoding cost
            }
            Optional<Measurement> jwt = kind(inMode, "PROXY_JWT");
            if (proxy.isPresent() && jwt.isPresent()) {
                add(ratios, mode, jwt.get(), proxy.get()); // what a cached token validation costs
            }
            if (direct.isPresent()) {
                for (Measurement external : inMode.stream().filter(m -> m.kind().equals("EXTERNAL")).toList()) {
                    add(ratios, mode, external, direct.get());
                }
            }
        }
        return ratios;
    }

    private static Optional<Measurement> kind(List<Measurement> measurements, String kind) {
        return measurements.stream().filter(m -> m.kind().equals(kind)).findFirst();
    }

    private static void add(List<Ratio> ratios, String mode, Measurement numerator, Measurement denominator) {
        ratios.add(new Ratio(mode, "throughput", numerator.target(), denominator.target(),
                numerator.throughput() / denominator.throughput()));
        List<Double> a = numerator.roundThroughputs();
        List<Double> b = denominator.roundThroughputs();
        if (a.size() > 1 && a.size() == b.size()) {
            // each round's pair ran back to back, so a drifting machine hits both alike: the median of the
            // per-round ratios is steadier than the ratio of the totals
            double[] perRound = new double[a.size()];
            for (int i = 0; i < perRound.length; i++) {
                perRound[i] = a.get(i) / b.get(i);
            }
            Arrays.sort(perRound);
            int mid = perRound.length / 2;
            double median = perRound.length % 2 == 1 ? perRound[mid] : (perRound[mid - 1] + perRound[mid]) / 2;
            ratios.add(new Ratio(mode, "throughput (median of rounds)", numerator.target(), denominator.target(),
                    median));
        }
        ratios.add(new Ratio(mode, "p50 latency", numerator.target(), denominator.target(),
                numerator.latencyMillis(50) / denominator.latencyMillis(50)));
        ratios.add(new Ratio(mode, "p99 latency", numerator.target(), denominator.target(),
                numerator.latencyMillis(99) / denominator.latencyMillis(99)));
        double cpuA = numerator.proxyCpuMicrosPerRequest();
        double cpuB = denominator.proxyCpuMicrosPerRequest();
        if (!Double.isNaN(cpuA) && !Double.isNaN(cpuB)) {
            // CPU time per request is the proxy's own cost, barely touched by what else runs on the machine
            ratios.add(new Ratio(mode, "proxy cpu per request", numerator.target(), denominator.target(),
                    cpuA / cpuB));
        }
    }
}
