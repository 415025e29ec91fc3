package dev.tollgate.server.conformance;

import dev.tollgate.core.backend.BackendRequestBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only differences between Tollgate and KrakenD this test forgives: each one is documented in README.md
 * (Configuration, "Not like KrakenD") and changes nothing but a product name or a transport detail. Everything
 * else a spec checks must match, or the spec is a {@link KnownDifferences} entry.
 */
final class Normalisations {
    /** What KrakenD CE 2.13.8, the version the specs were recorded with, calls itself. */
    static final String KRAKEND_AGENT = "KrakenD Version 2.13.8";
    private static final String TOLLGATE_AGENT = "Tollgate/" + BackendRequestBuilder.VERSION;

    private Normalisations() {
    }

    /**
     * The request headers the mock backend reports (its echo), from those Tollgate sent: what KrakenD's Go client
     * would have sent instead.
     */
    static Map<String, List<String>> asKrakendWouldSend(String method, Map<String, List<String>> received) {
        Map<String, List<String>> h = new LinkedHashMap<>(received);
        // 1. Backends get "User-Agent: Tollgate/<version>" where KrakenD sends "KrakenD Version <x>"; when the
        //    client's User-Agent is forwarded, Tollgate's own goes in X-Forwarded-Via, as KrakenD's does.
        for (String name : List.of("User-Agent", "X-Forwarded-Via")) {
            if (List.of(TOLLGATE_AGENT).equals(h.get(name))) {
                h.put(name, List.of(KRAKEND_AGENT));
            }
        }
        // 2. Tollgate asks backends for no compression; Go's transport adds "Accept-Encoding: gzip" to a request
        //    without Accept-Encoding or Range (not to HEAD) and gunzips the answer itself, so clients see the same.
        if (!h.containsKey("Accept-Encoding") && !h.containsKey("Range") && !method.equals("HEAD")) {
            h.put("Accept-Encoding", List.of("gzip"));
        }
        return h;
    }

    /**
     * 3. KrakenD adds "X-Krakend: Version <x>" (and, on some answers, "X-Krakend-Version") to its responses;
     *    Tollgate sends neither. A spec that expects one is satisfied by its absence, never by another value.
     */
    static boolean absenceAccepted(String canonicalName, Map<String, List<String>> actual) {
        return (canonicalName.equals("X-Krakend") || canonicalName.equals("X-Krakend-Version"))
                && !actual.containsKey(canonicalName);
    }
}
