package dev.tollgate.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the places where a config uses features Tollgate does not implement into what the user is told, by
 * {@link FeatureClass}: a protection not allowed by the {@link ProtectionOptIn} is an error at its path (the config
 * is refused); an allowed one is a loud line per endpoint for the startup log; a behaviour difference is one
 * warning per feature with the number of places; harmless features share one INFO line.
 */
final class FeatureReport {
    private static final int PATHS_SHOWN = 3;

    private final List<String> unprotected;
    private final ConfigSummary summary;

    private FeatureReport(List<String> unprotected, ConfigSummary summary) {
        this.unprotected = List.copyOf(unprotected);
        this.summary = summary;
    }

    /**
     * Reports {@code problems.features()} into {@code problems}.
     *
     * @param endpointNames the path of each {@code endpoints[i]} as written (for the log lines), by index
     */
    static FeatureReport apply(ConfigProblems problems, ProtectionOptIn optIn, List<String> endpointNames) {
        Map<KrakendFeature, List<JsonPath>> behaviour = new LinkedHashMap<>();
        Map<KrakendFeature, List<JsonPath>> harmless = new LinkedHashMap<>();
        Map<Integer, Set<String>> allowedByEndpoint = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        int n = endpointNames.size();
        boolean[] refused = new boolean[n + 1]; // index n: the gateway level, which concerns every endpoint
        boolean[] unenforced = new boolean[n + 1];
        boolean[] differs = new boolean[n + 1];

        for (FeatureUse use : problems.features()) {
            KrakendFeature f = use.feature();
            int slot = use.at().endpoint() < 0 || use.at().endpoint() >= n ? n : use.at().endpoint();
            switch (f.featureClass()) {
                case PROTECTION -> {
                    used.add(f.name());
                    if (optIn.allows(f)) {
                        unenforced[slot] = true;
                        allowedByEndpoint.computeIfAbsent(slot, k -> new LinkedHashSet<>()).add(f.name());
                    } else {
                        refused[slot] = true;
                        problems.error(use.at(), refusal(f, slot == n));
                    }
                }
                case BEHAVIOUR -> {
                    differs[slot] = true;
                    behaviour.computeIfAbsent(f, k -> new ArrayList<>()).add(use.at());
                }
                case HARMLESS -> harmless.computeIfAbsent(f, k -> new ArrayList<>()).add(use.at());
            }
        }
        for (String name : optIn.names()) {
            if (!used.contains(name)) {
                problems.note("--allow-unenforced " + name + ": this config does not use it, nothing to allow");
            }
        }
        behaviour.forEach((f, places) -> problems.difference(behaviourWarning(f, places)));
        if (!harmless.isEmpty()) {
            List<String> names = new ArrayList<>();
            int places = 0;
            for (Map.Entry<KrakendFeature, List<JsonPath>> e : harmless.entrySet()) {
                names.add(e.getKey().name());
                places += e.getValue().size();
            }
            problems.info("not implemented, and nothing a client sees changes: " + String.join(", ", names) + " ("
                    + places + " place" + (places == 1 ? "" : "s") + ")");
        }

        List<String> lines = new ArrayList<>();
        allowedByEndpoint.forEach((slot, names) -> lines.add(unprotectedLine(
                slot == n ? null : endpointNames.get(slot), names)));
        int asKrakend = 0;
        int withDifferences = 0;
        int unprotectedCount = 0;
        int refusedCount = 0;
        for (int i = 0; i < n; i++) {
            if (refused[i] || refused[n]) {
                refusedCount++;
            } else if (unenforced[i] || unenforced[n]) {
                unprotectedCount++;
            } else if (differs[i] || differs[n]) {
                withDifferences++;
            } else {
                asKrakend++;
            }
        }
        return new FeatureReport(lines, new ConfigSummary(n, asKrakend, withDifferences, unprotectedCount,
                refusedCount));
    }

    /** Loud startup lines, one per endpoint served without a protection (and one for the gateway level). */
    List<String> unprotected() {
        return unprotected;
    }

    ConfigSummary summary() {
        return summary;
    }

    private static String refusal(KrakendFeature f, boolean gatewayLevel) {
        return "refused: " + f.name() + " is a protection Tollgate does not enforce (KrakenD " + f.krakend()
                + "); served without it, " + (gatewayLevel ? "every endpoint" : "this endpoint") + " would "
                + "let through what KrakenD stops. Remove it, or serve without it on purpose: "
                + "--allow-unenforced " + f.name();
    }

    private static String unprotectedLine(String endpoint, Set<String> names) {
        String which = endpoint == null ? "every endpoint is" : "[ENDPOINT: " + endpoint + "] is";
        StringBuilder sb = new StringBuilder(which).append(" served WITHOUT ");
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            KrakendFeature f = KrakendFeatures.byName(name);
            parts.add(name + (f == null ? "" : " (KrakenD " + f.krakend() + ")"));
        }
        return sb.append(String.join(", ", parts)).append(": allowed by --allow-unenforced").toString();
    }

    private static String behaviourWarning(KrakendFeature f, List<JsonPath> places) {
        return "behaviour differs from KrakenD: " + f.name() + " (" + places.size()
                + (places.size() == 1 ? " place: " : " places: ") + list(places, JsonPath::toString) + "): KrakenD "
                + f.krakend() + "; Tollgate " + f.tollgate();
    }

    /** The first few places, then how many more. */
    private static String list(List<JsonPath> places, java.util.function.Function<JsonPath, String> name) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(PATHS_SHOWN, places.size()); i++) {
            shown.add(name.apply(places.get(i)));
        }
        int more = places.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
    }
}
