package dev.tollgate.server.conformance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * {@code assertResponse} of tests/integration.go: the status; each listed header with exactly the listed values
 * ({@code [""]} also passes when the header is absent; unlisted headers are not looked at); then the body against
 * the schema if there is one, else against {@code body}: as text when the spec writes a string, else as JSON values
 * (key order and number spelling do not matter). No body and no schema: the body is not checked.
 */
final class ResponseCheck {
    private ResponseCheck() {
    }

    /** Every mismatch, as the Go runner words it; empty when the response is as expected. */
    static List<String> check(GoHttpClient.Response actual, Spec.Expected expected) throws IOException {
        List<String> errors = new ArrayList<>();
        if (actual.status() != expected.status()) {
            errors.add("unexpected status code. have: " + actual.status() + ", want: " + expected.status());
        }
        Map<String, List<String>> h = actual.header();
        for (Map.Entry<String, List<String>> e : expected.header().entrySet()) {
            String k = GoNet.canonicalHeaderKey(e.getKey());
            List<String> want = e.getValue();
            List<String> have = h.get(k);
            if (Objects.equals(want, have) || Normalisations.absenceAccepted(k, h)) {
                continue;
            }
            if (have != null) {
                errors.add("unexpected value for header " + k + ". have: " + have + ", want: " + want);
            } else if (want.isEmpty() || !want.get(0).isEmpty()) {
                errors.add("header " + k + " not present: " + h);
            }
        }

        byte[] bytes = actual.body();
        List<String> ce = h.get("Content-Encoding");
        if (ce != null && (ce.get(0).equals("gzip") || ce.get(0).equals("x-gzip"))) {
            try {
                bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
            } catch (IOException notGzip) {
                // the Go runner reads the raw body when gzip.NewReader fails
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (expected.schema() != null) {
            if (bytes.length == 0) {
                errors.add("cannot validate empty body");
                return errors;
            }
            Object doc = GoJson.decode(text);
            if (doc == null && !text.trim().equals("null")) {
                errors.add("problem unmarshaling the body: " + text);
                return errors;
            }
            List<String> invalid = MiniSchema.validate(doc, expected.schema());
            if (!invalid.isEmpty()) {
                errors.add("problem validating the body: " + String.join("; ", invalid));
            }
        } else if (expected.body() != null) {
            Object want = GoJson.fromTree(expected.body());
            Object have = want instanceof String ? text : GoJson.decode(text);
            if (!Objects.equals(have, want)) {
                errors.add("unexpected body.\n\t\thave: " + (want instanceof String ? text : GoJson.encode(have))
                        + "\n\t\twant: " + (want instanceof String ? want : GoJson.encode(want)));
            }
        }
        return errors;
    }
}
