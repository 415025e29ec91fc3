package dev.tollgate.core.config.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes a {@link JsonNode} tree back to compact JSON with jackson-core's generator (no databind). */
public final class JsonTreeWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTreeWriter() {
    }

    public static byte[] write(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory stream does not fail
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node instanceof JsonNode.JsonObject o) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : o.fields().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (node instanceof JsonNode.JsonArray a) {
            g.writeStartArray();
            for (JsonNode item : a.items()) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (node instanceof JsonNode.JsonString s) {
            g.writeString(s.value());
        } else if (node instanceof JsonNode.JsonNumber n) {
            g.writeNumber(n.value());
        } else if (node instanceof JsonNode.JsonBoolean b) {
            g.writeBoolean(b.value());
        } else {
            g.writeNull();
        }
    }
}
