package dev.tollgate.core.config.template;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonTreeReader;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hides the secrets of a rendered config before it is written to {@code FC_OUT}, so the file that shows what the
 * templates made (line numbers included: the text keeps its layout) holds no secret. KrakenD writes FC_OUT with
 * the real values; Tollgate never writes a secret to disk or a log.
 *
 * <p>Secret: the string value of a secret-bearing field anywhere in the JSON ({@link #SECRET_FIELDS}; every string
 * under {@code token_request_headers}, which carries credentials), and the value of every environment variable the
 * templates read whose name looks like a secret ({@link #SECRET_ENV}) — the second also when the rendered text is
 * not valid JSON. Each is replaced where it appears as a whole JSON string, and, when 4 characters or longer,
 * anywhere in the text (a secret inside a longer value, such as a header).
 */
final class RenderedRedactor {
    static final String MASK = "<redacted>";
    static final Set<String> SECRET_FIELDS = Set.of("client_secret", "password", "secret", "cypher_key", "api_key",
            "token_request_headers");
    static final Pattern SECRET_ENV = Pattern.compile("(?i).*(secret|password|passwd|token|credential|api_?key"
            + "|private).*");
    /** Shorter secrets are only replaced as whole strings: replacing every "ab" would garble the file. */
    private static final int MIN_LENGTH = 4;

    private RenderedRedactor() {
    }

    static String redact(String text, Map<String, String> envRead) {
        Set<String> secrets = new LinkedHashSet<>();
        envRead.forEach((name, value) -> {
            if (SECRET_ENV.matcher(name).matches() && !value.isEmpty()) {
                secrets.add(value);
            }
        });
        try {
            collect(JsonTreeReader.read(text), false, secrets);
        } catch (IOException e) {
            // Not JSON (the loader will say where): only the environment's secrets are known.
        }
        String out = text;
        // Longest first, so a secret that contains another is replaced whole.
        for (String s : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace("\"" + s + "\"", "\"" + MASK + "\"");
            if (s.length() >= MIN_LENGTH) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    private static void collect(JsonNode node, boolean secret, Set<String> out) {
        if (node instanceof JsonNode.JsonObject o) {
            o.fields().forEach((k, v) -> collect(v, secret || SECRET_FIELDS.contains(k), out));
        } else if (node instanceof JsonNode.JsonArray a) {
            a.items().forEach(v -> collect(v, secret, out));
        } else if (secret && node instanceof JsonNode.JsonString s && !s.value().isEmpty()
                && !s.value().equals(MASK)) {
            out.add(s.value());
        }
    }
}
