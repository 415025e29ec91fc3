package dev.tollgate.core.cors;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * The CORS headers one answer gets, as name/value pairs added to whatever the answer already carries (lura adds a
 * no-op backend's own headers next to the CORS middleware's, it does not replace them), and why, for debug logs.
 */
final class CorsHeaders {
    /** An answer to a request CORS allows nothing for: caches must still key it by Origin. */
    static final CorsHeaders VARY_ORIGIN = new CorsHeaders(List.of("Vary", "Origin"), "no CORS headers");

    private final String[] pairs;
    private final String why;

    CorsHeaders(List<String> pairs, String why) {
        this.pairs = pairs.toArray(new String[0]);
        this.why = why;
    }

    void addTo(HttpHeaders headers) {
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
    }

    String why() {
        return why;
    }
}
