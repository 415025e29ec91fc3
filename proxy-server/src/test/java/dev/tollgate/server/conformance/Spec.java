package dev.tollgate.server.conformance;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonTreeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One krakend-ce spec file ({@code TestCase} in tests/integration.go): the request to send and the response to
 * expect. Read the way Go's json.Unmarshal fills the struct: a missing field is its zero value, a JSON
 * {@code null} body is no body, unknown fields ({@code @comment}) are ignored.
 *
 * @param name  the file name without {@code .json}, as the suite names its cases
 * @param error the client error text the case expects instead of a response ("" for none)
 */
record Spec(String name, String error, Request in, Expected out) {

    /**
     * @param body null when absent; a JSON string is sent as its text, anything else as its JSON encoding
     */
    record Request(String url, String method, Map<String, String> header, JsonNode body) {
    }

    /**
     * @param body   null: not compared; a string: compared with the body text; else compared as JSON values
     * @param header each listed header must have exactly these values; {@code [""]} also accepts its absence
     * @param schema null or a JSON schema the body must satisfy (then {@code body} is not compared)
     */
    record Expected(int status, JsonNode body, Map<String, List<String>> header, JsonNode.JsonObject schema) {
    }

    static Spec read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        JsonNode.JsonObject root = (JsonNode.JsonObject) JsonTreeReader.read(Files.newInputStream(file));
        JsonNode.JsonObject in = object(root.get("in"));
        JsonNode.JsonObject out = object(root.get("out"));
        Map<String, String> reqHeader = new LinkedHashMap<>();
        object(in.get("header")).fields().forEach((k, v) -> reqHeader.put(k, ((JsonNode.JsonString) v).value()));
        Map<String, List<String>> resHeader = new LinkedHashMap<>();
        object(out.get("header")).fields().forEach((k, v) -> {
            List<String> values = new ArrayList<>();
            ((JsonNode.JsonArray) v).items().forEach(i -> values.add(((JsonNode.JsonString) i).value()));
            resHeader.put(k, values);
        });
        JsonNode.JsonObject schema = out.get("schema") instanceof JsonNode.JsonObject s && !s.fields().isEmpty()
                ? s : null;
        JsonNode status = out.get("status_code");
        return new Spec(fileName.substring(0, fileName.length() - ".json".length()), string(root.get("error")),
                new Request(string(in.get("url")), string(in.get("method")), reqHeader, nonNull(in.get("body"))),
                new Expected(status instanceof JsonNode.JsonNumber n ? n.value().intValueExact() : 0,
                        nonNull(out.get("body")), resHeader, schema));
    }

    private static JsonNode.JsonObject object(JsonNode n) {
        return n instanceof JsonNode.JsonObject o ? o : new JsonNode.JsonObject(Map.of());
    }

    private static String string(JsonNode n) {
        return n instanceof JsonNode.JsonString s ? s.value() : "";
    }

    private static JsonNode nonNull(JsonNode n) {
        return n == null || n == JsonNode.JsonNull.INSTANCE ? null : n;
    }
}
