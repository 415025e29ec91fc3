package dev.tollgate.server.conformance;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Which spec requests a gateway-level feature decides, for the features {@link ConformanceConfig} strips. The
 * loader cannot tell (it knows the config, not the requests), so this is a hand-written list; a stripped feature
 * it does not list concerns every spec, so nothing passes by accident when the fixture grows a new one.
 */
final class GatewayFeatures {
    private static final Map<String, Predicate<Spec.Request>> AFFECTS = Map.of(
            // rs/cors answers preflights (OPTIONS) and adds headers to requests that carry an Origin
            "security/cors", r -> r.method().equals("OPTIONS") || has(r, "Origin"),
            // the bot detector looks only at User-Agent; Go's default one is no bot in the fixture's lists
            "security/bot-detector", r -> has(r, "User-Agent"),
            // served on a listener of its own (Prometheus text, with a warning that it is not KrakenD's JSON);
            // no spec request goes there
            "telemetry/metrics", r -> false);

    private GatewayFeatures() {
    }

    static boolean affects(String feature, Spec.Request request) {
        Predicate<Spec.Request> p = AFFECTS.get(feature);
        return p == null || p.test(request);
    }

    private static boolean has(Spec.Request r, String header) {
        return r.header().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(header));
    }
}
