package dev.tollgate.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the first JSON value of a body into the {@link dev.tollgate.core.data} model with jackson-core's streaming
 * parser, as Go's {@code json.Decoder.Decode} does: what follows the first value is not read (so not checked), a
 * duplicate key keeps its last value, numbers keep their text. Nesting is bounded by jackson's default
 * {@code StreamReadConstraints} (depth 1000), which also keeps the recursion here shallow.
 */
public final class DataReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private DataReader() {
    }

    /** The first value of {@code in}: a map, list, string, {@link RawNumber}, Boolean or null. */
    public static Object read(InputStream in) throws BadDataException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            return first(parser);
        } catch (JsonProcessingException e) {
            throw new BadDataException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadDataException("cannot read the body: " + e.getMessage());
        }
    }

    /** As {@link #read(InputStream)}, from an array. */
    public static Object read(byte[] body, int offset, int length) throws BadDataException {
        try (JsonParser parser = FACTORY.createParser(body, offset, length)) {
            return first(parser);
        } catch (JsonProcessingException e) {
            throw new BadDataException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadDataException("cannot read the body: " + e.getMessage());
        }
    }

    private static Object first(JsonParser parser) throws IOException, BadDataException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new BadDataException("empty body (EOF)"); // Go's Decode: io.EOF
        }
        return value(parser, token);
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseFailure(p, "unexpected end of the body");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new HashMap<>();
                String key;
                while ((key = p.nextFieldName()) != null) {
                    object.put(key, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(p, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new RawNumber(p.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonParseFailure(p, "unexpected " + token);
        }
    }

    /** A token the grammar does not allow where it is (jackson reports most of these itself). */
    private static final class JsonParseFailure extends com.fasterxml.jackson.core.JsonParseException {
        JsonParseFailure(JsonParser p, String message) {
            super(p, message);
        }
    }
}
