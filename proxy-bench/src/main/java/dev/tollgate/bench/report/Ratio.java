package dev.tollgate.bench.report;

/**
 * One side-by-side figure: {@code numerator}'s metric divided by {@code denominator}'s, in one load model.
 * For throughput higher is better (1.0 = as fast as the baseline); for latencies lower is better.
 */
public record Ratio(String mode, String metric, String numerator, String denominator, double value) {
    public String label() {
        return numerator + "/" + denominator;
    }
}
