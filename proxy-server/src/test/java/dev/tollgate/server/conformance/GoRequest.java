package dev.tollgate.server.conformance;

import java.util.List;
import java.util.Map;

/**
 * A request as a Go {@code http.Handler} sees it.
 *
 * @param method   the method
 * @param path     {@code r.URL.Path}: percent-decoded
 * @param rawQuery {@code r.URL.RawQuery}: as sent, without the {@code ?}
 * @param header   {@code r.Header}: canonical names, values in order, without {@code Host} and
 *                 {@code Transfer-Encoding} (Go moves both out of the map)
 * @param body     the body as received (de-chunked)
 */
record GoRequest(String method, String path, String rawQuery, Map<String, List<String>> header, byte[] body) {
    /** {@code r.Header.Get}: the first value or "". */
    String headerValue(String name) {
        List<String> v = header.get(GoNet.canonicalHeaderKey(name));
        return v == null || v.isEmpty() ? "" : v.get(0);
    }
}
