package dev.tollgate.core.config.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a JSON document into a {@link JsonNode} tree with jackson-core's streaming parser (no databind). */
public final class JsonTreeReader {

    /** Duplicate keys are not an error: Go's encoding/json keeps the last value, so KrakenD does too. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

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
            try {
                JsonNode root = readValue(parser, first);
                if (parser.nextToken() != null) {
                    throw syntax(parser, "unexpected content after the end of the JSON document");
                }
                return root;
            } catch (StreamConstraintsException e) {
                // Jackson's words name its classes and getters; a config author needs the limit and the place,
                // which the exception lacks and the parser knows.
                throw syntax(parser, constraint(e.getMessage()));
            }
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
                Set<String> duplicates = Set.of();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    JsonNode value = readValue(p, p.nextToken());
                    if (fields.containsKey(name)) {
                        fields.remove(name); // Go's map keeps the last value; the key's order is its last place
                        duplicates = duplicates.isEmpty() ? new LinkedHashSet<>() : duplicates;
                        duplicates.add(name);
                    }
                    fields.put(name, value);
                }
                return new JsonNode.JsonObject(Collections.unmodifiableMap(fields), duplicates);
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

    /** Which of jackson's StreamReadConstraints was hit, in the config author's terms. */
    static String constraint(String message) {
        String m = message == null ? "" : message;
        if (m.contains("nesting depth")) {
            return "the JSON nests objects and arrays too deeply (the limit is "
                    + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels)";
        }
        if (m.contains("String value length")) {
            return "a string is too long (the limit is " + StreamReadConstraints.DEFAULT_MAX_STRING_LEN
                    + " characters)";
        }
        if (m.contains("Number value length")) {
            return "a number has too many digits (the limit is " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + ")";
        }
        if (m.contains("Name length")) {
            return "a key is too long (the limit is " + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters)";
        }
        return "the JSON exceeds a size limit of the parser";
    }

    private static JsonSyntaxException syntax(JsonParser p, String message) {
        var loc = p.currentLocation();
        return new JsonSyntaxException(message, loc.getLineNr(), loc.getColumnNr());
    }
}
