package dev.tollgate.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The side-by-side figures the bench exists for, per load model and body size: proxy / direct (what the hop
 * costs), proxy with client credentials / proxy without auth (what stamping costs; the target is a throughput ratio
 * of at least 0.98), Tollgate / each peer proxy like for like (proxy / haproxy, proxy-cc / haproxy-cc: issue 10's
 * goal is at least 1.10x HAProxy's throughput at at most 0.9x its CPU per request), HTTPS / HTTP, the merging, JWT
 * and many-credential-sets endpoints against their baselines, and each external target / direct. Throughput, also
 * as the median of per-round ratios; p50 and p99 latency; and, where both targets have a process the harness
 * started, its CPU time per request (the steadiest figure on a shared machine).
 */
public final class Ratios {
    private Ratios() {
    }

    public static List<Ratio> of(List<Measurement> measurements) {
        List<Ratio> ratios = new ArrayList<>();
        for (String mode : measurements.stream().map(Measurement::mode).distinct().toList()) {
            for (int payload : measurements.stream().map(Measurement::payload).distinct().toList()) {
                List<Measurement> group = measurements.stream()
                        .filter(m -> m.mode().equals(mode) && m.payload() == payload).toList();
                of(mode, group, ratios);
            }
        }
        return ratios;
    }

    private static void of(String mode, List<Measurement> group, List<Ratio> ratios) {
        Optional<Measurement> direct = find(group, "DIRECT", false);
        Optional<Measurement> proxy = find(group, "PROXY", false);
        Optional<Measurement> clientCredentials = find(group, "PROXY_CLIENT_CREDENTIALS", false);
        pair(ratios, mode, proxy, direct);
        pair(ratios, mode, clientCredentials, proxy);
        pair(ratios, mode, find(group, "PROXY_MERGE", false), proxy); // decoding, merging and encoding
        pair(ratios, mode, find(group, "PROXY_JWT", false), proxy); // a cached token validation
        pair(ratios, mode, find(group, "PROXY_CREDENTIAL_SETS", false), clientCredentials); // many token holders
        pair(ratios, mode, find(group, "PROXY", true), proxy); // what TLS costs
        pair(ratios, mode, find(group, "PROXY_CLIENT_CREDENTIALS", true), clientCredentials);
        for (Measurement peer : group) {
            // like with like: Tollgate's no-auth endpoint against the peer's plain route, stamping against a
            // static header, each over the same protocol
            if (peer.kind().equals("PEER")) {
                pair(ratios, mode, find(group, "PROXY", peer.tls()), Optional.of(peer));
            } else if (peer.kind().equals("PEER_STATIC_BEARER")) {
                pair(ratios, mode, find(group, "PROXY_CLIENT_CREDENTIALS", peer.tls()), Optional.of(peer));
            }
        }
        if (direct.isPresent()) {
            for (Measurement external : group.stream().filter(m -> m.kind().equals("EXTERNAL")).toList()) {
                add(ratios, mode, external, direct.get());
            }
        }
    }

    private static Optional<Measurement> find(List<Measurement> measurements, String kind, boolean tls) {
        return measurements.stream().filter(m -> m.kind().equals(kind) && m.tls() == tls).findFirst();
    }

    private static void pair(List<Ratio> ratios, String mode, Optional<Measurement> numerator,
            Optional<Measurement> denominator) {
        if (numerator.isPresent() && denominator.isPresent()) {
            add(ratios, mode, numerator.get(), denominator.get());
        }
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
        if (numerator.proxyRssKiB() > 0 && denominator.proxyRssKiB() > 0
                && !numerator.process().equals(denominator.process())) {
            ratios.add(new Ratio(mode, "rss", numerator.target(), denominator.target(),
                    (double) numerator.proxyRssKiB() / denominator.proxyRssKiB()));
        }
    }
}
