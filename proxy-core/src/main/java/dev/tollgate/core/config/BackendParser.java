package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.data.BackendEncoding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one {@code endpoints[i].backend[j]} object into a {@link BackendConfig}. */
final class BackendParser {
    /** lura's {resp0_field}: a value from an earlier backend's response. */
    private static final Pattern SEQUENTIAL = Pattern.compile("resp([0-9]+)_.+");

    private final ExtensionRegistry extensions;
    private final List<String> defaultHosts;
    private final boolean defaultHostsWritten;

    /**
     * @param defaultHosts        the valid, sanitised top-level {@code host} list, used by backends without their own
     * @param defaultHostsWritten the top-level list has items, valid or not (invalid ones are reported there once,
     *                            not again for each backend)
     */
    BackendParser(ExtensionRegistry extensions, List<String> defaultHosts, boolean defaultHostsWritten) {
        this.extensions = extensions;
        this.defaultHosts = defaultHosts;
        this.defaultHostsWritten = defaultHostsWritten;
    }

    /**
     * @param params         the endpoint path's parameter names, the only ones a url_pattern may use
     * @param endpointMethod the default backend method
     * @param outputEncoding the endpoint's; {@code no-op} forces the backend encoding to {@code no-op} as lura does
     * @param sequentialIndex the backend's index in a sequential endpoint ({@code {respN_x}} may name an earlier
     *                        backend), or -1
     * @param jwtValidator    whether the endpoint has an {@code auth/validator} block, the only filler of
     *                        {@code {JWT.x}}
     */
    BackendConfig parse(ConfigObject b, List<String> params, String endpointMethod, String outputEncoding,
                        int sequentialIndex, boolean jwtValidator) {
        boolean disableSanitize = b.bool("disable_host_sanitize", false);
        JsonNode rawHosts = b.raw("host");
        List<String> hosts;
        if (rawHosts == null || rawHosts == JsonNode.JsonNull.INSTANCE
                || rawHosts instanceof JsonNode.JsonArray arr && arr.items().isEmpty()) {
            hosts = defaultHosts; // sanitised already, whatever this backend's disable_host_sanitize says (lura)
            if (hosts.isEmpty() && !defaultHostsWritten) {
                b.problems().error(b.path("host"), "no host: set this backend's host or the top-level host list");
            }
        } else {
            hosts = BackendHosts.read(b.stringList("host"), !disableSanitize, b.path("host"), b.problems());
        }

        // lura's CleanPath makes "" (and Go's zero value for a missing key) "/"
        if (!b.has("url_pattern")) {
            b.problems().warn(b.path("url_pattern"), "missing: KrakenD's schema requires it; as KrakenD does, the "
                    + "backend is called on \"/\"");
        }
        String urlPattern = urlPattern(b.string("url_pattern", ""), params, sequentialIndex, jwtValidator,
                b.path("url_pattern"), b.problems());

        String method = Methods.read(b, "method", endpointMethod);
        boolean noOpEndpoint = EndpointParser.NO_OP.equals(outputEncoding);
        String encoding = encoding(b, noOpEndpoint);
        BackendShape shape = noOpEndpoint ? BackendShape.NONE : shape(b);
        ConfigObject extraBlock = b.object("extra_config");
        List<Map.Entry<String, List<String>>> flatmap = ProxyOptionsParser.backendFlatmap(extraBlock);
        if (!flatmap.isEmpty()) {
            if (noOpEndpoint) {
                b.problems().info(b.path("extra_config").key(ProxyOptionsParser.NAMESPACE)
                        + ".flatmap_filter: ignored on a no-op endpoint, by KrakenD too");
            } else {
                shape = new BackendShape(shape.group(), shape.target(), shape.allow(), shape.deny(), shape.mapping(),
                        shape.isCollection(), flatmap);
            }
        }
        if (b.has("sd") && !"static".equals(b.string("sd", "static"))) {
            b.problems().feature(b.path("sd"), KrakendFeatures.backendKey("sd"));
        }
        b.raw("sd");
        UnsupportedKeys.backend(b, noOpEndpoint);

        ConfigObject extra = extraBlock;
        ExtensionConfigs extensionConfigs = ExtensionConfigs.EMPTY;
        boolean followRedirects = true;
        BackendErrors errors = BackendErrorsParser.parse(extra, noOpEndpoint);
        if (extra != null) {
            followRedirects = BackendHttpClientParser.followRedirects(
                    extra.object(BackendHttpClientParser.NAMESPACE));
            Set<String> handled = new HashSet<>(BackendErrorsParser.NAMES);
            handled.addAll(ProxyOptionsParser.NAMES);
            handled.add(BackendHttpClientParser.NAMESPACE);
            extensionConfigs = extensions.parse(extra, ConfigNamespace.Level.BACKEND, handled);
        }
        InputFilter headers = narrowing(b, "input_headers", true);
        InputFilter queryStrings = narrowing(b, "input_query_strings", false);
        b.warnUnknownKeys();
        return new BackendConfig(hosts, urlPattern, method, encoding, disableSanitize, followRedirects,
                extensionConfigs, b.path(), headers, queryStrings, shape, errors);
    }

    /**
     * lura's decoder by lower-cased name: a no-op endpoint forces no-op; xml (krakend-ce's krakend-xml) is
     * implemented, rss (krakend-ce's krakend-rss) is a difference; a name lura does not know decodes as json there
     * too, said as a warning.
     */
    private static String encoding(ConfigObject b, boolean noOpEndpoint) {
        String written = b.string("encoding", EndpointParser.JSON);
        if (noOpEndpoint) {
            return EndpointParser.NO_OP; // as lura forces it
        }
        String lower = written.toLowerCase(java.util.Locale.ROOT);
        if (BackendEncoding.byName(lower) != null) {
            return lower;
        }
        if (lower.equals("rss")) {
            b.problems().feature(b.path("encoding"), KrakendFeatures.backendKey("encoding"));
        } else {
            b.problems().warn(b.path("encoding"), "unknown encoding \"" + written + "\": KrakenD decodes it as "
                    + "json, and so does Tollgate");
        }
        return EndpointParser.JSON;
    }

    /** The response manipulation keys, as lura reads them (mapping's values are strings, is_collection a bool). */
    private static BackendShape shape(ConfigObject b) {
        String group = b.string("group", null);
        String target = b.string("target", null);
        List<String> allow = b.stringList("allow");
        List<String> deny = b.stringList("deny");
        boolean isCollection = b.bool("is_collection", false);
        List<Map.Entry<String, String>> mapping = new ArrayList<>();
        ConfigObject m = b.object("mapping");
        if (m != null) {
            for (String key : m.keys()) {
                if (ConfigObject.isComment(key)) {
                    continue;
                }
                String to = m.string(key, null);
                if (to != null) {
                    mapping.add(Map.entry(key, to));
                }
            }
        }
        if (!allow.isEmpty() && !deny.isEmpty()) {
            b.problems().warn(b.path("deny"), "ignored: allow is set too, and KrakenD (lura) then applies only allow");
        }
        return new BackendShape(group, target, allow, deny, mapping, isCollection);
    }

    /** The backend index {@code {respN_x}} names (lura's {@code Resp(\d+)_}); a huge N is no earlier backend. */
    static int sequentialSource(String placeholder) {
        Matcher m = SEQUENTIAL.matcher(placeholder);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * A backend's own allow-list, which lura applies after the endpoint's: absent or empty narrows nothing; a name
     * passes only if both lists let it. lura has no {@code "*"} here (it looks for a header named "*"), so
     * {@code ["*"]} lets nothing through, in KrakenD and in Tollgate alike: said once, as it is rarely meant.
     */
    private static InputFilter narrowing(ConfigObject b, String key, boolean headers) {
        List<String> names = b.stringList(key);
        if (names.isEmpty()) {
            return InputFilter.ALL;
        }
        if (names.contains("*")) {
            b.problems().warn(b.path(key), "\"*\" is no wildcard at backend level: KrakenD (lura) then passes no "
                    + (headers ? "client header, nor X-Forwarded-For/-Host or User-Agent," : "query string")
                    + " to this backend, and neither does Tollgate");
        }
        Set<String> kept = new java.util.LinkedHashSet<>();
        for (String n : names) {
            kept.add(headers ? n.toLowerCase(java.util.Locale.ROOT) : n);
        }
        return new InputFilter(false, kept);
    }

    /**
     * lura's CleanPath (a leading {@code /} is added) and the check that each placeholder is a parameter of the
     * endpoint path, in the path or in the query part alike. Brace text that is no placeholder stays literal.
     */
    static String urlPattern(String pattern, List<String> params, JsonPath at, ConfigProblems problems) {
        return urlPattern(pattern, params, -1, false, at, problems);
    }

    /**
     * @param sequentialIndex as for {@link #parse}: which {@code {respN_x}} placeholders are allowed
     * @param jwtValidator    as for {@link #parse}: whether {@code {JWT.x}} placeholders are
     */
    static String urlPattern(String pattern, List<String> params, int sequentialIndex, boolean jwtValidator,
                             JsonPath at, ConfigProblems problems) {
        String cleaned = pattern.startsWith("/") ? pattern : "/" + pattern;
        Matcher m = Placeholders.PLACEHOLDER.matcher(cleaned);
        while (m.find()) {
            String name = m.group(1);
            if (params.contains(name)) {
                continue;
            }
            if (Placeholders.isJwt(name)) {
                jwtPlaceholder(name, jwtValidator, at, problems);
            } else if (SEQUENTIAL.matcher(name).matches()) {
                int source = sequentialSource(name);
                if (sequentialIndex < 0) {
                    problems.error(at, "placeholder {" + name + "} needs KrakenD's sequential proxy: set "
                            + "extra_config.proxy.sequential to true");
                } else if (source >= sequentialIndex) {
                    problems.error(at, "placeholder {" + name + "} names backend " + source + ", which is not "
                            + "called before this one (backend " + sequentialIndex + ")");
                }
            } else {
                problems.error(at, "placeholder {" + name + "} is not a parameter of the endpoint path"
                        + (params.isEmpty() ? " (it has none)" : " (it has {" + String.join("}, {", params) + "})"));
            }
        }
        return cleaned;
    }

    /**
     * krakend-jose fills {@code {JWT.x}} from the verified token; without a validator KrakenD accepts the config and
     * sends the placeholder itself ({@code {{.JWT.x}}}, escaped) to the backend on every request, which is never
     * meant: here it is an error. A dotted name is one top-level claim, as in krakend-jose (a namespaced claim such
     * as {@code https://example.com/tenant} is one), never a walk into nested objects: said once, as information.
     */
    private static void jwtPlaceholder(String name, boolean jwtValidator, JsonPath at, ConfigProblems problems) {
        if (!jwtValidator) {
            problems.error(at, "placeholder {" + name + "} is filled from the token that auth/validator verifies, "
                    + "and this endpoint has no auth/validator (KrakenD would send the placeholder itself)");
            return;
        }
        String claim = name.substring(Placeholders.JWT_PREFIX.length());
        if (claim.indexOf('.') >= 0 && !claim.startsWith("http")) {
            problems.info(at + ": {" + name + "} is the top-level claim \"" + claim + "\", as in KrakenD, not a "
                    + "claim nested in \"" + claim.substring(0, claim.indexOf('.')) + "\"; a token without it is "
                    + "refused (401)");
        }
    }
}
