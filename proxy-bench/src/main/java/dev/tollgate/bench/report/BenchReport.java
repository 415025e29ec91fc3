package dev.tollgate.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole result of one harness run, as written to stdout, {@code results.json} and the plot.
 *
 * @param environment machine, JDK, date, transport, command line
 * @param settings    the effective options
 * @param measurements one per target and load model, in target order
 * @param ratios      proxy/direct and client-credentials/no-auth figures
 * @param tokens      token endpoint summary, or null when the proxy did not run
 * @param idle        resident memory of each proxy process with {@code --idle-connections} open, or empty
 * @param notes       what was skipped and why (a peer not installed), one line each
 */
public record BenchReport(Map<String, String> environment, Map<String, String> settings,
        List<Measurement> measurements, List<Ratio> ratios, TokenSummary tokens, List<IdleMemory> idle,
        List<String> notes) {

    public BenchReport(Map<String, String> environment, Map<String, String> settings,
            List<Measurement> measurements, List<Ratio> ratios, TokenSummary tokens) {
        this(environment, settings, measurements, ratios, tokens, List.of(), List.of());
    }

    public BenchReport {
        idle = List.copyOf(idle);
        notes = List.copyOf(notes);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment)); // keeps insertion order
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        measurements = List.copyOf(measurements);
        ratios = List.copyOf(ratios);
    }

    public List<Measurement> forMode(String mode) {
        return measurements.stream().filter(m -> m.mode().equals(mode)).toList();
    }

    public List<String> modes() {
        return measurements.stream().map(Measurement::mode).distinct().toList();
    }
}
