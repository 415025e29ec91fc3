package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.data.OutputEncoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads one {@code endpoints[i]} object into an {@link EndpointConfig}, with its backend. */
final class EndpointParser {
    static final String NO_OP = "no-op";
    /** KrakenD's default {@code output_encoding}. */
    static final String JSON = "json";
    /** KrakenD's zero-trust default: without {@code input_headers} only Content-Type reaches the backend. */
    static final InputFilter DEFAULT_HEADERS = new InputFilter(false, Set.of("content-type"));
    /** More identical calls per backend than this would be a load test, not a latency hedge. */
    private static final int MAX_CONCURRENT_CALLS = 16;

    private final BackendParser backends;
    private final ExtensionRegistry extensions;
    private final Duration defaultTimeout;
    /** The top-level {@code output_encoding}, null when the file sets none (KrakenD's default is json). */
    private final String defaultOutputEncoding;
    /** The top-level {@code cache_ttl}, every endpoint's default; zero for none. */
    private final Duration defaultCacheTtl;

    EndpointParser(BackendParser backends, ExtensionRegistry extensions, Duration defaultTimeout,
                   String defaultOutputEncoding, Duration defaultCacheTtl) {
        this.defaultCacheTtl = defaultCacheTtl;
        this.backends = backends;
        this.extensions = extensions;
        this.defaultTimeout = defaultTimeout;
        this.defaultOutputEncoding = defaultOutputEncoding;
    }

    /** Null when the endpoint has no usable path; every problem is reported either way. */
    EndpointConfig parse(ConfigObject e, int index) {
        String path = e.requiredString("endpoint");
        List<String> params = path == null || path.isEmpty()
                ? List.of() : EndpointPath.params(path, e.path("endpoint"), e.problems());
        String method = Methods.read(e, "method", "GET");
        Duration timeout = e.positiveDuration("timeout", defaultTimeout);
        String outputEncoding = outputEncoding(e);
        InputFilter headers = inputHeaders(e);
        InputFilter queryStrings = inputQueryStrings(e);
        boolean noOp = NO_OP.equals(outputEncoding);
        Duration cacheTtl = endpointCacheTtl(e, noOp);
        int concurrentCalls = concurrentCalls(e, noOp);
        UnsupportedKeys.endpoint(e);
        ConfigObject extra = e.object("extra_config");
        ProxyOptions proxy = ProxyOptionsParser.parse(extra);
        ExtensionConfigs endpointExtensions = extra == null ? ExtensionConfigs.EMPTY
                : extensions.parse(extra, ConfigNamespace.Level.ENDPOINT, ProxyOptionsParser.NAMES);

        boolean jwtValidator = extra != null && Placeholders.JWT_VALIDATOR.stream().anyMatch(extra::has);
        String name = method + " " + (path == null ? "(no path)" : path);
        List<BackendConfig> parsed = new ArrayList<>(1);
        if (!e.has("backend")) {
            e.raw("backend");
            e.problems().error(e.path("backend"), "is required: " + name + " needs at least one backend");
        } else {
            List<JsonNode> items = e.array("backend");
            for (int j = 0; j < items.size(); j++) {
                ConfigObject b = ConfigObject.of(items.get(j), e.path("backend").index(j), e.problems());
                parsed.add(backends.parse(b, params, method, outputEncoding, proxy.sequential() ? j : -1,
                        jwtValidator));
            }
            if (items.isEmpty() && e.raw("backend") instanceof JsonNode.JsonArray) {
                e.problems().error(e.path("backend"), "is empty: " + name + " needs at least one backend");
            } else if (items.size() > 1 && noOp) {
                // lura refuses it too: a no-op answer is one backend's, streamed
                e.problems().error(e.path("backend"), items.size() + " backends for " + name
                        + ": a no-op endpoint takes exactly one backend (merging needs output_encoding json)");
            }
        }
        e.warnUnknownKeys();
        if (path == null || path.isEmpty()) {
            return null;
        }
        if (noOp && (proxy.sequential() || proxy.staticResponse() != null || !proxy.flatmap().isEmpty())) {
            e.problems().info(e.path("extra_config").key(ProxyOptionsParser.NAMESPACE) + ": sequential, static and "
                    + "flatmap_filter are ignored on a no-op endpoint, by KrakenD too");
            proxy = ProxyOptions.NONE;
        } else if (parsed.size() == 1 && !proxy.flatmap().isEmpty()) {
            e.problems().info(e.path("extra_config").key(ProxyOptionsParser.NAMESPACE) + ".flatmap_filter: ignored "
                    + "with one backend, by KrakenD too (lura adds it to merging endpoints; put it in the backend's "
                    + "extra_config)");
        }
        return new EndpointConfig(path, method, timeout, outputEncoding, headers, queryStrings, parsed,
                endpointExtensions, index, noOp ? Duration.ZERO : cacheTtl, proxy, concurrentCalls);
    }

    /**
     * The endpoint's own, else the top level's, else KrakenD's json. Tollgate renders every encoding KrakenD CE
     * has (no-op, json, json-collection, string, xml, yaml, negotiate); a name lura does not know is rendered as
     * json (or, with one backend, by the render its encoding names), as lura's getRender falls back.
     */
    private String outputEncoding(ConfigObject e) {
        String encoding = e.string("output_encoding", null);
        boolean own = encoding != null;
        if (!own) {
            encoding = defaultOutputEncoding == null ? JSON : defaultOutputEncoding;
        }
        if (!encoding.equals(NO_OP) && OutputEncoding.byName(encoding) == null) {
            e.problems().warn(own ? e.path("output_encoding") : e.path(), "unknown output_encoding \"" + encoding
                    + "\": KrakenD renders it as json (with one backend, by that backend's encoding when it names a "
                    + "render), and so does Tollgate");
        }
        return encoding;
    }

    /**
     * lura adds {@code Cache-Control} only to complete answers, which a no-op one never is: there the key changes
     * nothing, in KrakenD either.
     */
    private Duration endpointCacheTtl(ConfigObject e, boolean noOp) {
        boolean own = e.has("cache_ttl");
        Duration ttl = cacheTtl(e, defaultCacheTtl);
        if (noOp && own) {
            e.problems().info(e.path("cache_ttl") + ": ignored on a no-op endpoint, by KrakenD too");
        }
        return ttl;
    }

    /**
     * lura's {@code concurrent_calls} (0 and absent mean 1). Tollgate runs it on endpoints that are not no-op; a
     * no-op endpoint streams one answer, so there it stays a behaviour difference.
     */
    private static int concurrentCalls(ConfigObject e, boolean noOp) {
        int n = e.integer("concurrent_calls", 1, 0, MAX_CONCURRENT_CALLS);
        if (n <= 1) {
            return 1;
        }
        if (noOp) {
            e.problems().feature(e.path("concurrent_calls"), KrakendFeatures.endpointKey("concurrent_calls"));
            return 1;
        }
        return n;
    }

    /** A {@code cache_ttl} (Go duration); lura writes its whole seconds as {@code max-age}. */
    static Duration cacheTtl(ConfigObject o, Duration defaultValue) {
        Duration ttl = o.duration("cache_ttl", defaultValue);
        if (ttl.isNegative()) {
            o.problems().error(o.path("cache_ttl"), "must not be negative, got \"" + GoDuration.format(ttl) + "\"");
            return defaultValue;
        }
        return ttl;
    }

    /** Header names match case-insensitively, so they are stored lower-case; {@code "*"} lets all through. */
    static InputFilter inputHeaders(ConfigObject e) {
        List<String> names = e.stringList("input_headers");
        if (names.isEmpty()) {
            return DEFAULT_HEADERS; // lura treats an empty list as absent
        }
        if (names.contains("*")) {
            return InputFilter.ALL;
        }
        Set<String> lower = new LinkedHashSet<>();
        for (String n : names) {
            lower.add(n.toLowerCase(Locale.ROOT));
        }
        return new InputFilter(false, lower);
    }

    /** Query parameter names are case-sensitive; absent or empty forwards none. */
    static InputFilter inputQueryStrings(ConfigObject e) {
        List<String> names = e.stringList("input_query_strings");
        if (names.isEmpty()) {
            return InputFilter.NONE;
        }
        return names.contains("*") ? InputFilter.ALL : new InputFilter(false, Set.copyOf(names));
    }
}
