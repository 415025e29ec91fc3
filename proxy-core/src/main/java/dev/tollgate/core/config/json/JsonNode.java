package dev.tollgate.core.config.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small immutable JSON tree, built once by {@link JsonTreeReader} while a config file loads. Only config loading
 * sees it: every parser turns it into typed immutable records, so runtime code never touches raw JSON.
 */
public sealed interface JsonNode
        permits JsonNode.JsonObject, JsonNode.JsonArray, JsonNode.JsonString, JsonNode.JsonNumber,
                JsonNode.JsonBoolean, JsonNode.JsonNull {

    /** A short name of the JSON type, used in error messages ("expected a string, got an array"). */
    String typeName();

    /**
     * Fields in file order (a {@code LinkedHashMap} wrapped read-only).
     *
     * @param duplicateKeys keys the text had more than once; {@code fields} holds the last value of each, as Go's
     *                      encoding/json (and so KrakenD) does
     */
    record JsonObject(Map<String, JsonNode> fields, Set<String> duplicateKeys) implements JsonNode {
        public JsonObject {
            duplicateKeys = Set.copyOf(duplicateKeys);
        }

        public JsonObject(Map<String, JsonNode> fields) {
            this(fields, Set.of());
        }

        public JsonNode get(String key) {
            return fields.get(key);
        }

        @Override
        public String typeName() {
            return "an object";
        }
    }

    record JsonArray(List<JsonNode> items) implements JsonNode {
        @Override
        public String typeName() {
            return "an array";
        }
    }

    record JsonString(String value) implements JsonNode {
        @Override
        public String typeName() {
            return "a string";
        }
    }

    /** A number as written; {@code integral} is true when the literal had no fraction or exponent. */
    record JsonNumber(BigDecimal value, boolean integral) implements JsonNode {
        @Override
        public String typeName() {
            return "a number";
        }
    }

    record JsonBoolean(boolean value) implements JsonNode {
        @Override
        public String typeName() {
            return "a boolean";
        }
    }

    enum JsonNull implements JsonNode {
        INSTANCE;

        @Override
        public String typeName() {
            return "null";
        }
    }
}
