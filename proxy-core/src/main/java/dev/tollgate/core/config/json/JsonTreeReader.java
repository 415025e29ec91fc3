package dev.tollgate.core.config.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a JSON document into a {@link JsonNode} tree with jackson-core's streaming parser (no databind). */
public final class JsonTreeReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonTreeReader() {
    }

    /**
     * Parses one JSON document.
     *
     * @throws JsonSyntaxException with line and column when the text is not JSON
     */
    public static JsonNode read(InputStream in) throws IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonSyntaxException("the file is empty", 1, 1);
            }
            JsonNode root = readValue(parser, first);
            if (parser.nextToken() != null) {
                throw syntax(parser, "unexpected content after the end of the JSON document");
            }
            return root;
        } catch (JsonParseException e) {
            var loc = e.getLocation();
            String msg = withoutTokenText(e.getOriginalMessage());
            throw new JsonSyntaxException(msg, loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr());
        }
    }

    public static JsonNode read(String json) throws IOException {
        return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static JsonNode readValue(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    fields.put(name, readValue(p, p.nextToken()));
                }
                return new JsonNode.JsonObject(Collections.unmodifiableMap(fields));
            }
            case START_ARRAY: {
                List<JsonNode> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(readValue(p, t));
                }
                return new JsonNode.JsonArray(List.copyOf(items));
            }
            case VALUE_STRING:
                return new JsonNode.JsonString(p.getText());
            case VALUE_NUMBER_INT:
                return new JsonNode.JsonNumber(p.getDecimalValue(), true);
            case VALUE_NUMBER_FLOAT:
                return new JsonNode.JsonNumber(p.getDecimalValue(), false);
            case VALUE_TRUE:
                return new JsonNode.JsonBoolean(true);
            case VALUE_FALSE:
                return new JsonNode.JsonBoolean(false);
            case VALUE_NULL:
                return JsonNode.JsonNull.INSTANCE;
            default:
                throw syntax(p, "unexpected token " + token);
        }
    }

    /**
     * Jackson quotes an unrecognised token verbatim ({@code Unrecognized token 'abc': was expecting ...}). That
     * token is typically an unquoted value, such as a {@code client_secret} a template filled in without quotes,
     * and the message goes to {@code check} output and logs: the line and column say where it is, the text goes.
     */
    public static String withoutTokenText(String message) {
        String marker = "Unrecognized token '";
        int start = message == null ? -1 : message.indexOf(marker);
        if (start < 0) {
            return message;
        }
        int end = message.lastIndexOf("': ");
        String rest = end > start ? message.substring(end + 1) : "";
        return message.substring(0, start) + "Unrecognized token (an unquoted string?)" + rest;
    }

    private static JsonSyntaxException syntax(JsonParser p, String message) {
        var loc = p.currentLocation();
        return new JsonSyntaxException(message, loc.getLineNr(), loc.getColumnNr());
    }
}
