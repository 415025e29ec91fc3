package dev.tollgate.server.conformance;

import dev.tollgate.core.config.json.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which endpoints of the fixture decide a request's answer in KrakenD, so that a spec is skipped when one of them
 * is not served. KrakenD's router (gin/httprouter, with KrakenD's defaults) answers from: the endpoint matching
 * method and path; else every endpoint with that path (405); else the endpoint the path differs from by a trailing
 * slash (a redirect to it); else one matching case-insensitively (its fixed-path redirect); else nobody (404).
 * A backend pointed at the gateway itself ({@code 127.0.0.1:8080}) makes its target a dependency too.
 */
final class SpecRoutes {
    /** The router feature a case-insensitive match needs: Tollgate answers those paths 404 (README). */
    static final String FIXED_PATH_REDIRECT = "router fixed-path redirect (case-insensitive paths)";
    private static final List<String> RESERVED = List.of("/__health", "/__debug", "/__echo");

    /** What a request depends on: fixture endpoint indexes, and router features that are no endpoint. */
    record Dependencies(Set<Integer> endpoints, Set<String> features) {
    }

    private record Route(int index, String method, String path, List<String[]> selfCalls) {
    }

    private final List<Route> routes = new ArrayList<>();

    SpecRoutes(JsonNode.JsonObject fixture) {
        List<JsonNode> endpoints = ((JsonNode.JsonArray) fixture.get("endpoints")).items();
        for (int i = 0; i < endpoints.size(); i++) {
            JsonNode.JsonObject e = (JsonNode.JsonObject) endpoints.get(i);
            String method = text(e.get("method"), "GET");
            List<String[]> self = new ArrayList<>();
            if (e.get("backend") instanceof JsonNode.JsonArray backends) {
                for (JsonNode b : backends.items()) {
                    JsonNode.JsonObject bo = (JsonNode.JsonObject) b;
                    if (callsTheGateway(bo.get("host"))) {
                        String pattern = text(bo.get("url_pattern"), "/");
                        int q = pattern.indexOf('?');
                        self.add(new String[] {text(bo.get("method"), method),
                            q < 0 ? pattern : pattern.substring(0, q)});
                    }
                }
            }
            routes.add(new Route(i, method, text(e.get("endpoint"), ""), self));
        }
    }

    Dependencies of(String method, String path) {
        Set<Integer> endpoints = new LinkedHashSet<>();
        Set<String> features = new LinkedHashSet<>();
        collect(method.isEmpty() ? "GET" : method, path, endpoints, features, 0);
        return new Dependencies(endpoints, features);
    }

    private void collect(String method, String path, Set<Integer> out, Set<String> features, int depth) {
        if (depth > 5 || RESERVED.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + "/"))) {
            return; // the gateway's own handlers
        }
        List<Route> hit = matching(path, false).stream().filter(r -> r.method.equals(method)).toList();
        if (hit.isEmpty()) {
            hit = matching(path, false); // 405
        }
        if (hit.isEmpty()) {
            hit = matching(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/", false);
        }
        if (hit.isEmpty()) {
            hit = matching(GoNet.cleanRequestPath(path), true);
            if (!hit.isEmpty()) {
                features.add(FIXED_PATH_REDIRECT);
            }
        }
        for (Route r : hit) {
            if (out.add(r.index)) {
                for (String[] call : r.selfCalls) {
                    collect(call[0], call[1], out, features, depth + 1);
                }
            }
        }
    }

    private List<Route> matching(String path, boolean ignoreCase) {
        return routes.stream().filter(r -> matches(r.path, path, ignoreCase)).toList();
    }

    /** A {@code {param}} segment on either side matches any non-empty segment. */
    private static boolean matches(String template, String path, boolean ignoreCase) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            boolean param = (t[i].startsWith("{") && !p[i].isEmpty()) || (p[i].startsWith("{") && !t[i].isEmpty());
            boolean same = ignoreCase ? t[i].toLowerCase(Locale.ROOT).equals(p[i].toLowerCase(Locale.ROOT))
                    : t[i].equals(p[i]);
            if (!param && !same) {
                return false;
            }
        }
        return true;
    }

    private static boolean callsTheGateway(JsonNode hosts) {
        if (!(hosts instanceof JsonNode.JsonArray a)) {
            return false;
        }
        for (JsonNode h : a.items()) {
            String s = text(h, "");
            if (s.contains("127.0.0.1:8080") || s.contains("localhost:8080")) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode n, String dflt) {
        return n instanceof JsonNode.JsonString s ? s.value() : dflt;
    }
}
