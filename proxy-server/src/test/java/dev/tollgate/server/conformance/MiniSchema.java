package dev.tollgate.server.conformance;

import dev.tollgate.core.config.json.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of JSON Schema the specs use ({@code type}, {@code required}, {@code properties}, {@code enum}), applied
 * to a value decoded by {@link GoJson}. Any other keyword is reported as an error rather than skipped, so a new
 * spec cannot pass by using a keyword this validator does not check.
 */
final class MiniSchema {
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "@comment");

    private MiniSchema() {
    }

    static List<String> validate(Object value, JsonNode.JsonObject schema) {
        List<String> errors = new ArrayList<>();
        validate(value, schema, "$", errors);
        return errors;
    }

    private static void validate(Object value, JsonNode.JsonObject schema, String at, List<String> errors) {
        for (Map.Entry<String, JsonNode> e : schema.fields().entrySet()) {
            JsonNode k = e.getValue();
            switch (e.getKey()) {
                case "type" -> {
                    List<String> types = new ArrayList<>();
                    if (k instanceof JsonNode.JsonArray a) {
                        a.items().forEach(t -> types.add(((JsonNode.JsonString) t).value()));
                    } else {
                        types.add(((JsonNode.JsonString) k).value());
                    }
                    if (types.stream().noneMatch(t -> isType(value, t))) {
                        errors.add(at + ": got " + GoJson.encode(value) + ", want type " + types);
                    }
                }
                case "required" -> {
                    if (value instanceof Map<?, ?> m) {
                        for (JsonNode r : ((JsonNode.JsonArray) k).items()) {
                            String name = ((JsonNode.JsonString) r).value();
                            if (!m.containsKey(name)) {
                                errors.add(at + ": missing property " + name);
                            }
                        }
                    }
                }
                case "properties" -> {
                    if (value instanceof Map<?, ?> m) {
                        ((JsonNode.JsonObject) k).fields().forEach((name, sub) -> {
                            if (m.containsKey(name)) {
                                validate(m.get(name), (JsonNode.JsonObject) sub, at + "." + name, errors);
                            }
                        });
                    }
                }
                case "enum" -> {
                    boolean found = false;
                    for (JsonNode option : ((JsonNode.JsonArray) k).items()) {
                        found |= java.util.Objects.equals(GoJson.fromTree(option), value);
                    }
                    if (!found) {
                        errors.add(at + ": " + GoJson.encode(value) + " is not one of " + GoJson.encode(
                                GoJson.fromTree(k)));
                    }
                }
                default -> {
                    if (!ANNOTATIONS.contains(e.getKey())) {
                        errors.add(at + ": schema keyword \"" + e.getKey() + "\" is not supported by this test");
                    }
                }
            }
        }
    }

    private static boolean isType(Object v, String type) {
        return switch (type) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "number" -> v instanceof Double;
            case "integer" -> v instanceof Double d && d == Math.rint(d) && !d.isInfinite();
            case "boolean" -> v instanceof Boolean;
            case "null" -> v == null;
            default -> false;
        };
    }
}
