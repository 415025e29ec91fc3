package dev.tollgate.server.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Go handler wrote: status, headers in order, body, and a delay before it is sent. {@link #ABORT} is a
 * handler that panicked: Go's server recovers and closes the connection without an answer.
 */
record GoReply(int status, List<Map.Entry<String, String>> headers, byte[] body, long delayMillis) {
    static final GoReply ABORT = new GoReply(0, List.of(), new byte[0], 0);

    static GoReply of(int status, String contentType, String body) {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        if (contentType != null) {
            h.add(Map.entry("Content-Type", contentType));
        }
        return new GoReply(status, h, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** http.Error: plain text with a newline, nosniff. */
    static GoReply error(int status, String message) {
        GoReply r = of(status, "text/plain; charset=utf-8", message + "\n");
        r.headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
        return r;
    }

    /** http.NotFound. */
    static GoReply notFound() {
        return error(404, "404 page not found");
    }

    GoReply withHeader(String name, String value) {
        List<Map.Entry<String, String>> h = new ArrayList<>(headers);
        h.add(Map.entry(name, value));
        return new GoReply(status, h, body, delayMillis);
    }

    GoReply delayed(long millis) {
        return new GoReply(status, headers, body, millis);
    }

    boolean aborted() {
        return status == 0;
    }
}
