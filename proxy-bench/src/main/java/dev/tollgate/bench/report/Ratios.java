package dev.tollgate.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The side-by-side figures the bench exists for, per load model: proxy / direct (what the hop costs), proxy with
 * client credentials / proxy without auth (what stamping costs; the target is a throughput ratio of at least 0.98),
 * and each external target / direct.
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
        ratios.add(new Ratio(mode, "p50 latency", numerator.target(), denominator.target(),
                numerator.latencyMillis(50) / denominator.latencyMillis(50)));
        ratios.add(new Ratio(mode, "p99 latency", numerator.target(), denominator.target(),
                numerator.latencyMillis(99) / denominator.latencyMillis(99)));
    }
}
