package dev.tollgate.server.conformance;

import dev.tollgate.core.config.ConfigException;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.LoadedConfig;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonTreeReader;
import dev.tollgate.core.config.json.JsonTreeWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fixture's krakend.json cut down to what Tollgate serves as KrakenD would, decided by Tollgate's own loader:
 *
 * <ol>
 *   <li>Gateway level: each top-level key and {@code extra_config} namespace is loaded alone on an empty gateway;
 *       one that adds an error, warning or behaviour difference is stripped (and named: every spec that depends on
 *       it is skipped, see {@link GatewayFeatures}). INFO notices (telemetry) are no difference.</li>
 *   <li>Endpoints: each is loaded alone on that gateway level; an error, warning or difference at it leaves it
 *       out, with the features named.</li>
 * </ol>
 *
 * What the test adds as the suite's environment does: the ports (hosts rewritten from the fixture's 8080/8081 to
 * the real ones), loopback listening, and {@code debug_endpoint}, which the suite turns on with {@code krakend run -d}.
 */
final class ConformanceConfig {
    /** Keys the test sets itself, so they are not candidates for stripping. */
    private static final Set<String> SET_BY_TEST = Set.of("version", "port", "listen_ip", "debug_endpoint",
            "endpoints", "extra_config");

    private final ConfigLoader loader;
    private final JsonNode.JsonObject fixture;
    /** Stripped gateway-level feature -> why (the loader's words). */
    private final Map<String, List<String>> stripped = new LinkedHashMap<>();
    /** Fixture endpoint index -> the features it needs (absent: served). */
    private final Map<Integer, List<String>> skipped = new TreeMap<>();
    private final Map<Integer, String> endpointNames = new TreeMap<>();
    private final String json;

    ConformanceConfig(ConfigLoader loader, String fixtureText, int backendPort, int gatewayPort) throws IOException {
        this.loader = loader;
        String text = fixtureText
                .replace("http://127.0.0.1:8081", "http://127.0.0.1:" + backendPort)
                .replace("http://127.0.0.1:8080", "http://127.0.0.1:" + gatewayPort)
                // the gateway listens on 127.0.0.1 only; "localhost" may resolve to ::1 first
                .replace("http://localhost:8080", "http://127.0.0.1:" + gatewayPort);
        this.fixture = (JsonNode.JsonObject) JsonTreeReader.read(text);

        Map<String, JsonNode> base = new LinkedHashMap<>();
        base.put("version", fixture.get("version"));
        base.put("port", number(gatewayPort));
        base.put("listen_ip", new JsonNode.JsonString("127.0.0.1"));
        base.put("debug_endpoint", new JsonNode.JsonBoolean(true));
        base.put("endpoints", new JsonNode.JsonArray(List.of()));
        Set<String> baseProblems = problems(base);

        Map<String, JsonNode> gateway = new LinkedHashMap<>(base);
        fixture.fields().forEach((key, value) -> {
            if (!SET_BY_TEST.contains(key)) {
                keepIfClean(base, baseProblems, key, value, gateway);
            }
        });
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        if (fixture.get("extra_config") instanceof JsonNode.JsonObject ec) {
            ec.fields().forEach((ns, value) -> {
                Map<String, JsonNode> alone = new LinkedHashMap<>(base);
                alone.put("extra_config", new JsonNode.JsonObject(Map.of(ns, value)));
                List<String> added = added(problems(alone), baseProblems);
                if (added.isEmpty()) {
                    extra.put(ns, value);
                } else {
                    stripped.put(ns, added);
                }
            });
        }
        if (!extra.isEmpty()) {
            gateway.put("extra_config", new JsonNode.JsonObject(extra));
        }
        Set<String> gatewayProblems = problems(gateway);
        if (!added(gatewayProblems, baseProblems).isEmpty()) {
            throw new IllegalStateException("the kept gateway-level keys load with problems together: "
                    + added(gatewayProblems, baseProblems));
        }

        List<JsonNode> served = new ArrayList<>();
        List<JsonNode> endpoints = ((JsonNode.JsonArray) fixture.get("endpoints")).items();
        for (int i = 0; i < endpoints.size(); i++) {
            JsonNode.JsonObject e = (JsonNode.JsonObject) endpoints.get(i);
            endpointNames.put(i, (e.get("method") instanceof JsonNode.JsonString m ? m.value() : "GET") + " "
                    + (e.get("endpoint") instanceof JsonNode.JsonString p ? p.value() : "?"));
            Map<String, JsonNode> alone = new LinkedHashMap<>(gateway);
            alone.put("endpoints", new JsonNode.JsonArray(List.of(e)));
            List<String> added = added(problems(alone), gatewayProblems);
            Set<String> features = new LinkedHashSet<>();
            added.forEach(p -> features.add(FeatureNames.of(p)));
            if (features.isEmpty()) {
                served.add(e);
            } else {
                skipped.put(i, List.copyOf(features));
            }
        }
        Map<String, JsonNode> all = new LinkedHashMap<>(gateway);
        all.put("endpoints", new JsonNode.JsonArray(served));
        this.json = write(all);
        List<String> together = added(problems(all), gatewayProblems);
        if (!together.isEmpty()) {
            throw new IllegalStateException("the served endpoints load with problems together: " + together);
        }
    }

    /** The config to start the gateway with. */
    LoadedConfig load() throws ConfigException {
        return loader.parse(json, "krakend-ce fixture (filtered)");
    }

    String json() {
        return json;
    }

    JsonNode.JsonObject fixture() {
        return fixture;
    }

    Map<String, List<String>> strippedGatewayFeatures() {
        return stripped;
    }

    /** The features endpoint {@code i} of the fixture needs, empty when it is served. */
    List<String> missingFeatures(int i) {
        return skipped.getOrDefault(i, List.of());
    }

    String endpointName(int i) {
        return endpointNames.get(i);
    }

    int servedCount() {
        return endpointNames.size() - skipped.size();
    }

    private void keepIfClean(Map<String, JsonNode> base, Set<String> baseProblems, String key, JsonNode value,
                             Map<String, JsonNode> into) {
        Map<String, JsonNode> alone = new LinkedHashMap<>(base);
        alone.put(key, value);
        List<String> added = added(problems(alone), baseProblems);
        if (added.isEmpty()) {
            into.put(key, value);
        } else {
            stripped.put(key, added);
        }
    }

    /** Errors, warnings and behaviour differences of loading {@code config}; INFO notices are none. */
    private Set<String> problems(Map<String, JsonNode> config) {
        Set<String> out = new LinkedHashSet<>();
        try {
            LoadedConfig loaded = loader.parse(write(config), "conformance candidate");
            out.addAll(loaded.warnings());
            out.addAll(loaded.differences());
        } catch (ConfigException e) {
            out.addAll(e.errors());
            out.addAll(e.warnings());
        }
        return out;
    }

    private static List<String> added(Set<String> problems, Set<String> baseline) {
        return problems.stream().filter(p -> !baseline.contains(p)).toList();
    }

    private static String write(Map<String, JsonNode> config) {
        return new String(JsonTreeWriter.write(new JsonNode.JsonObject(config)), StandardCharsets.UTF_8);
    }

    private static JsonNode number(int n) {
        return new JsonNode.JsonNumber(BigDecimal.valueOf(n), true);
    }
}
