package dev.tollgate.server.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of every spec, and the summary printed at the end: counts, then the skips grouped by feature. */
final class ConformanceReport {
    private final List<String> passed = new ArrayList<>();
    private final Map<String, String> failed = new TreeMap<>();
    private final Map<String, String> known = new TreeMap<>();
    private final Map<String, List<String>> skipped = new TreeMap<>();

    synchronized void passed(String spec) {
        passed.add(spec);
    }

    synchronized void failed(String spec, String why) {
        failed.put(spec, why);
    }

    synchronized void known(String spec, String why) {
        known.put(spec, why);
    }

    synchronized void skipped(String spec, List<String> features) {
        skipped.put(spec, List.copyOf(features));
    }

    synchronized int passedCount() {
        return passed.size();
    }

    synchronized Map<String, String> unexpectedFailures() {
        return Map.copyOf(failed);
    }

    synchronized String summary() {
        StringBuilder sb = new StringBuilder("KrakenD CE specs: ").append(passed.size()).append(" passed, ")
                .append(failed.size() + known.size()).append(" failed, ").append(skipped.size()).append(" skipped (")
                .append(known.size()).append(" of the failed are known differences)\n");
        known.forEach((spec, why) -> sb.append("  known difference ").append(spec).append(": ").append(why)
                .append('\n'));
        failed.forEach((spec, why) -> sb.append("  FAILED ").append(spec).append(": ").append(why).append('\n'));
        Map<String, List<String>> byFeature = new TreeMap<>();
        skipped.forEach((spec, features) -> features.forEach(f ->
                byFeature.computeIfAbsent(f, k -> new ArrayList<>()).add(spec)));
        sb.append("  skipped specs by missing feature (a spec may need several):\n");
        byFeature.forEach((feature, specs) -> sb.append("    ").append(feature).append(": ").append(specs.size())
                .append(' ').append(specs).append('\n'));
        sb.append("  passed: ").append(passed);
        return sb.toString();
    }
}
