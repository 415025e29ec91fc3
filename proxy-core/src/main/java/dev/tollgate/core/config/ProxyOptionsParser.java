package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.data.RawNumber;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an endpoint's {@code extra_config["proxy"]} (legacy {@code github.com/devopsfaith/krakend/proxy}) as lura's
 * {@code proxy/merging.go} and {@code proxy/static.go} read it: {@code sequential} and {@code static} are
 * implemented; the rest ({@code flatmap_filter}, {@code sequential_propagated_params}, {@code combiner}...) is the
 * {@code proxy} behaviour difference, reported at its key.
 */
final class ProxyOptionsParser {
    static final String NAMESPACE = "proxy";
    static final String LEGACY_NAMESPACE = "github.com/devopsfaith/krakend/proxy";
    static final Set<String> NAMES = Set.of(NAMESPACE, LEGACY_NAMESPACE);
    private static final Set<String> STRATEGIES = Set.of("always", "success", "errored", "complete", "incomplete");

    private ProxyOptionsParser() {
    }

    /** {@code extra} is the endpoint's extra_config, or null. */
    static ProxyOptions parse(ConfigObject extra) {
        if (extra == null) {
            return ProxyOptions.NONE;
        }
        ConfigObject block = extra.object(LEGACY_NAMESPACE);
        if (block == null) {
            block = extra.object(NAMESPACE);
        } else {
            extra.raw(NAMESPACE); // krakend-ce's alias table: the legacy name replaces the new one
        }
        if (block == null) {
            return ProxyOptions.NONE;
        }
        boolean sequential = block.bool("sequential", false);
        ProxyOptions.StaticResponse staticResponse = staticResponse(block.object("static"));
        List<Map.Entry<String, List<String>>> flatmap = FlatmapParser.parse(block);
        KrakendFeature rest = KrakendFeatures.namespace(NAMESPACE);
        for (String key : block.keys()) {
            if (!block.wasRead(key) && !ConfigObject.isComment(key) && block.has(key)) {
                block.raw(key);
                block.problems().feature(block.path(key), rest);
            }
        }
        return new ProxyOptions(sequential, staticResponse, flatmap);
    }

    /**
     * A backend's {@code extra_config["proxy"]}: lura reads only its {@code flatmap_filter} there; other keys are
     * the {@code proxy} difference at their path.
     */
    static List<Map.Entry<String, List<String>>> backendFlatmap(ConfigObject extra) {
        if (extra == null) {
            return List.of();
        }
        ConfigObject block = extra.object(LEGACY_NAMESPACE);
        if (block == null) {
            block = extra.object(NAMESPACE);
        } else {
            extra.raw(NAMESPACE);
        }
        if (block == null) {
            return List.of();
        }
        List<Map.Entry<String, List<String>>> ops = FlatmapParser.parse(block);
        for (String key : block.keys()) {
            if (!block.wasRead(key) && !ConfigObject.isComment(key) && block.has(key)) {
                block.raw(key);
                block.problems().feature(block.path(key), KrakendFeatures.namespace(NAMESPACE));
            }
        }
        return ops;
    }

    private static ProxyOptions.StaticResponse staticResponse(ConfigObject s) {
        if (s == null) {
            return null;
        }
        String strategy = s.string("strategy", "always");
        if (!STRATEGIES.contains(strategy)) {
            // lura keeps an unknown name's default match, which is always
            s.problems().warn(s.path("strategy"), "unknown strategy \"" + strategy + "\": KrakenD then applies the "
                    + "data always, and so does Tollgate (expected one of always, success, errored, complete, "
                    + "incomplete)");
            strategy = "always";
        }
        JsonNode data = s.raw("data");
        s.warnUnknownKeys();
        if (!(data instanceof JsonNode.JsonObject object)) {
            s.problems().warn(s.path("data"), "is not an object: KrakenD then adds no static data, and neither "
                    + "does Tollgate");
            return null;
        }
        return new ProxyOptions.StaticResponse(strategy, objectValue(object));
    }

    /** The config's JSON as the data model, read-only (a static answer is shared by all requests). */
    private static Map<String, Object> objectValue(JsonNode.JsonObject object) {
        Map<String, Object> m = new HashMap<>();
        object.fields().forEach((k, v) -> m.put(k, value(v)));
        return Collections.unmodifiableMap(m);
    }

    /**
     * KrakenD reads its config into float64s, so json.Marshal writes a static number as Go formats a float64:
     * shortest form, plain between 1e-6 and 1e21, else with an exponent ({@code 1e+21}).
     */
    static String goFloat(double d) {
        if (d == 0) {
            return "0";
        }
        double abs = Math.abs(d);
        String shortest = Double.toString(d); // Java's shortest repr, as Go's -1 precision
        BigDecimal exact = new BigDecimal(shortest).stripTrailingZeros();
        if (abs >= 1e-6 && abs < 1e21) {
            return exact.toPlainString();
        }
        String mantissa = exact.unscaledValue().abs().toString();
        int exponent = mantissa.length() - 1 - exact.scale();
        String digits = mantissa.length() == 1 ? mantissa : mantissa.charAt(0) + "." + mantissa.substring(1);
        return (d < 0 ? "-" : "") + digits + "e" + (exponent < 0 ? "-" : "+")
                + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    private static Object value(JsonNode v) {
        if (v instanceof JsonNode.JsonObject o) {
            return objectValue(o);
        }
        if (v instanceof JsonNode.JsonArray a) {
            List<Object> list = new ArrayList<>(a.items().size());
            a.items().forEach(item -> list.add(value(item)));
            return Collections.unmodifiableList(list);
        }
        if (v instanceof JsonNode.JsonString s) {
            return s.value();
        }
        if (v instanceof JsonNode.JsonNumber n) {
            return new RawNumber(goFloat(n.value().doubleValue()));
        }
        if (v instanceof JsonNode.JsonBoolean b) {
            return b.value();
        }
        return null;
    }
}
