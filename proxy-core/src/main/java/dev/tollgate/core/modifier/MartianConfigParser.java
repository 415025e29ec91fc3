package dev.tollgate.core.modifier;

import dev.tollgate.core.config.ConfigObject;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonNode.JsonObject;
import dev.tollgate.core.modifier.MartianConfig.HeaderSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parses martian's JSON modifier format as KrakenD uses it: {@code fifo.Group} (scope, aggregateErrors, modifiers)
 * and {@code header.Modifier} (scope, name, value), nested or bare. A modifier runs on the request or response only
 * when its own scope and every enclosing group's scope include it; no scope means both, as in martian.
 * Other martian modifiers are warned about once each and ignored.
 */
final class MartianConfigParser {
    enum Scope { REQUEST, RESPONSE }

    private MartianConfigParser() {
    }

    static MartianConfig parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        List<HeaderSet> request = new ArrayList<>();
        List<HeaderSet> response = new ArrayList<>();
        int errorsBefore = problems.errors().size();
        modifier(value, path, EnumSet.allOf(Scope.class), request, response, problems);
        if (problems.errors().size() > errorsBefore) {
            return null;
        }
        return new MartianConfig(request, response);
    }

    /** {@code {"<type>": {...}}}: one modifier keyed by its martian type name. */
    private static void modifier(JsonNode node, JsonPath path, Set<Scope> outer, List<HeaderSet> request,
                                 List<HeaderSet> response, ConfigProblems problems) {
        if (!(node instanceof JsonObject obj)) {
            problems.error(path, "expected a martian modifier object such as {\"header.Modifier\": {...}}, got "
                    + node.typeName());
            return;
        }
        obj.fields().forEach((type, body) -> {
            JsonPath at = path.key(type);
            switch (type) {
                case "fifo.Group" -> group(body, at, outer, request, response, problems);
                case "header.Modifier" -> header(body, at, outer, request, response, problems);
                default -> problems.warn(at, "martian modifier \"" + type + "\" is not supported by Tollgate, ignored"
                        + " (supported: fifo.Group, header.Modifier)");
            }
        });
    }

    private static void group(JsonNode body, JsonPath path, Set<Scope> outer, List<HeaderSet> request,
                              List<HeaderSet> response, ConfigProblems problems) {
        ConfigObject obj = ConfigObject.of(body, path, problems);
        Set<Scope> scope = scope(obj, outer);
        obj.bool("aggregateErrors", false); // no modifier of ours can fail, so there is nothing to aggregate
        List<JsonNode> modifiers = obj.array("modifiers");
        for (int i = 0; i < modifiers.size(); i++) {
            modifier(modifiers.get(i), obj.path("modifiers").index(i), scope, request, response, problems);
        }
        obj.warnUnknownKeys();
    }

    private static void header(JsonNode body, JsonPath path, Set<Scope> outer, List<HeaderSet> request,
                               List<HeaderSet> response, ConfigProblems problems) {
        ConfigObject obj = ConfigObject.of(body, path, problems);
        Set<Scope> scope = scope(obj, outer);
        String name = obj.requiredString("name");
        String value = obj.string("value", "");
        obj.warnUnknownKeys();
        if (name == null || name.isEmpty()) {
            return;
        }
        if (!validHeaderName(name)) {
            problems.error(obj.path("name"), "\"" + name + "\" is not a valid header name");
            return;
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            problems.error(obj.path("value"), "must not contain CR or LF");
            return;
        }
        HeaderSet set = new HeaderSet(name, value);
        if (scope.contains(Scope.REQUEST)) {
            request.add(set);
        }
        if (scope.contains(Scope.RESPONSE)) {
            response.add(set);
        }
    }

    /** This modifier's scope within the enclosing one; absent or empty means request and response. */
    private static Set<Scope> scope(ConfigObject obj, Set<Scope> outer) {
        List<String> names = obj.stringList("scope");
        Set<Scope> own = names.isEmpty() ? EnumSet.allOf(Scope.class) : EnumSet.noneOf(Scope.class);
        for (int i = 0; i < names.size(); i++) {
            switch (names.get(i)) {
                case "request" -> own.add(Scope.REQUEST);
                case "response" -> own.add(Scope.RESPONSE);
                default -> obj.problems().error(obj.path("scope").index(i), "unknown scope \"" + names.get(i)
                        + "\" (expected \"request\" or \"response\")");
            }
        }
        own.retainAll(outer);
        return own;
    }

    private static boolean validHeaderName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }
}
