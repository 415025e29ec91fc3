package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code flatmap_filter} list as lura's {@code newFlatmapFormatter} does: each item's {@code type} and
 * {@code args}; an item without a string type, or of a type lura does not run, is skipped (with a warning here);
 * {@code move} and {@code append} with fewer than two paths are an error (lura would panic on every request).
 */
final class FlatmapParser {
    private static final Set<String> TYPES = Set.of("move", "append", "del");

    private FlatmapParser() {
    }

    /** {type, args} in order; empty when the list is absent or empty (lura then uses its usual formatter). */
    static List<Map.Entry<String, List<String>>> parse(ConfigObject block) {
        List<Map.Entry<String, List<String>>> ops = new ArrayList<>();
        if (block == null || !block.has("flatmap_filter")) {
            if (block != null) {
                block.raw("flatmap_filter");
            }
            return ops;
        }
        List<JsonNode> items = block.array("flatmap_filter");
        for (int i = 0; i < items.size(); i++) {
            JsonPath at = block.path("flatmap_filter").index(i);
            ConfigObject item = ConfigObject.of(items.get(i), at, block.problems());
            String type = item.string("type", null);
            List<String> args = item.stringList("args");
            item.warnUnknownKeys();
            if (type == null || !TYPES.contains(type)) {
                block.problems().warn(at, "skipped: " + (type == null ? "no type" : "type \"" + type + "\"")
                        + " (KrakenD runs move, append and del, and skips the rest)");
                continue;
            }
            if (!type.equals("del") && args.size() < 2) {
                block.problems().error(at.key("args"), type + " takes two paths (source and destination), got "
                        + args.size());
                continue;
            }
            ops.add(Map.entry(type, List.copyOf(args)));
        }
        return ops;
    }
}
