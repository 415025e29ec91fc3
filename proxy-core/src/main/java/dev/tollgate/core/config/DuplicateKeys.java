package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import java.util.Map;

/**
 * Warns once for each key written twice in one object. KrakenD reads its config with Go's encoding/json, which
 * keeps the last value; Tollgate keeps the same one, and says so, since the first is usually a forgotten edit.
 */
final class DuplicateKeys {
    private DuplicateKeys() {
    }

    static void report(JsonNode node, JsonPath at, ConfigProblems problems) {
        if (node instanceof JsonNode.JsonObject obj) {
            for (String key : obj.duplicateKeys()) {
                problems.warn(at.key(key), "written more than once in this object; the last value is used, as "
                        + "KrakenD (Go's encoding/json) uses it");
            }
            for (Map.Entry<String, JsonNode> e : obj.fields().entrySet()) {
                report(e.getValue(), at.key(e.getKey()), problems);
            }
        } else if (node instanceof JsonNode.JsonArray arr) {
            for (int i = 0; i < arr.items().size(); i++) {
                report(arr.items().get(i), at.index(i), problems);
            }
        }
    }
}
