package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonNode.JsonNumber;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the top level of a KrakenD v3 config into a {@link GatewayConfig}. */
final class GatewayParser {
    static final int VERSION = 3;
    static final int DEFAULT_PORT = 8080;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final ExtensionRegistry extensions;

    GatewayParser(ExtensionRegistry extensions) {
        this.extensions = extensions;
    }

    /** Every problem goes to {@code root.problems()}; the result is only meaningful when there is none. */
    GatewayConfig parse(ConfigObject root) {
        version(root);
        root.raw("$schema"); // KrakenD's editor hint, nothing to do
        String name = root.string("name", null);
        int port = root.integer("port", DEFAULT_PORT, 0, 65535);
        String listenIp = root.string("listen_ip", null);
        if (listenIp != null && listenIp.isBlank()) {
            root.problems().error(root.path("listen_ip"), "must not be empty (omit it to listen on all interfaces)");
            listenIp = null;
        }
        Duration timeout = root.positiveDuration("timeout", DEFAULT_TIMEOUT);
        List<String> writtenHosts = root.stringList("host");
        List<String> hosts = BackendHosts.read(writtenHosts, true, root.path("host"), root.problems());
        boolean echo = root.bool("echo_endpoint", false);
        boolean debug = root.bool("debug_endpoint", false);
        // The default of every endpoint that sets none; each endpoint reports what it gets.
        String outputEncoding = root.string("output_encoding", null);
        ServerOptions server = ServerOptions.DEFAULTS;
        RouterOptions router = RouterOptions.DEFAULTS;
        CorsConfig cors = null;
        LoggingOptions logging = null;
        MetricsOptions metrics = MetricsOptions.OFF;
        ExtensionConfigs topLevel = ExtensionConfigs.EMPTY;
        ConfigObject extra = root.object("extra_config");
        if (extra != null) {
            ConfigObject serverBlock = extra.object(ServerOptionsParser.NAMESPACE);
            server = ServerOptionsParser.parse(serverBlock);
            router = RouterOptionsParser.parse(block(extra, RouterOptionsParser.NAMESPACE,
                    RouterOptionsParser.LEGACY_NAMESPACE));
            ConfigObject corsBlock = block(extra, CorsParser.NAMESPACE, CorsParser.LEGACY_NAMESPACE);
            cors = corsBlock == null ? null : CorsParser.parse(corsBlock);
            ConfigObject loggingBlock = block(extra, LoggingParser.NAMESPACE, LoggingParser.LEGACY_NAMESPACE);
            logging = loggingBlock == null ? null : LoggingParser.parse(loggingBlock);
            metrics = MetricsParser.parse(extra, serverBlock, port, listenIp);
            topLevel = extensions.parseTopLevel(extra, Set.of(ServerOptionsParser.NAMESPACE, MetricsParser.OTEL,
                    MetricsParser.LEGACY_METRICS, MetricsParser.LEGACY_METRICS_ALIAS,
                    RouterOptionsParser.NAMESPACE, RouterOptionsParser.LEGACY_NAMESPACE, CorsParser.NAMESPACE,
                    CorsParser.LEGACY_NAMESPACE, LoggingParser.NAMESPACE, LoggingParser.LEGACY_NAMESPACE));
        }
        server = server.withReadHeaderTimeout(readHeaderTimeout(root));
        TlsConfig tls = TlsParser.parse(root);
        Duration cacheTtl = EndpointParser.cacheTtl(root, Duration.ZERO); // every endpoint's default
        UnsupportedKeys.gateway(root);

        BackendParser backendParser = new BackendParser(extensions, hosts, !writtenHosts.isEmpty());
        EndpointParser endpointParser = new EndpointParser(backendParser, extensions, timeout, outputEncoding,
                cacheTtl);
        List<EndpointConfig> endpoints = endpoints(root, endpointParser);
        checkHealthPath(router.healthPath(), endpoints, root);
        root.warnUnknownKeys();
        return new GatewayConfig(name, port, listenIp, timeout, endpoints, echo, debug, router, server, cors, tls, logging,
                topLevel, metrics);
    }

    /**
     * A top-level block by its canonical or its legacy name: krakend-ce's alias table maps the legacy name onto the
     * canonical one, replacing it when both are written, so the legacy block wins and the other is only marked read.
     */
    private static ConfigObject block(ConfigObject extra, String namespace, String legacy) {
        ConfigObject block = extra.object(legacy);
        if (block == null) {
            return extra.object(namespace);
        }
        extra.raw(namespace);
        return block;
    }

    /** KrakenD refuses to start when an endpoint takes the health endpoint's path; so does Tollgate, clearly. */
    private static void checkHealthPath(String healthPath, List<EndpointConfig> endpoints, ConfigObject root) {
        if (healthPath == null || healthPath.equals(RouterOptions.DEFAULT_HEALTH_PATH)) {
            return; // /__health itself is reserved by the endpoint path rules
        }
        for (EndpointConfig e : endpoints) {
            if (e.path().equals(healthPath)) {
                root.problems().error(JsonPath.ROOT.key("extra_config").key(RouterOptionsParser.NAMESPACE)
                        .key("health_path"), "\"" + healthPath + "\" is also the path of endpoints[" + e.index()
                        + "]; pick another health_path or disable_health");
            }
        }
    }

    /** Go's http.Server.ReadHeaderTimeout as KrakenD exposes it; 0 disables it (as in Go). */
    private static Duration readHeaderTimeout(ConfigObject root) {
        Duration d = root.duration("read_header_timeout", ServerOptions.DEFAULTS.readHeaderTimeout());
        if (d.isNegative()) {
            root.problems().error(root.path("read_header_timeout"), "must not be negative, got \""
                    + GoDuration.format(d) + "\" (0 disables it)");
            return ServerOptions.DEFAULTS.readHeaderTimeout();
        }
        return d;
    }

    private static void version(ConfigObject root) {
        JsonNode v = root.raw("version");
        String found;
        if (v == null || v == JsonNode.JsonNull.INSTANCE) {
            found = "is missing";
        } else if (v instanceof JsonNumber n) {
            if (n.integral() && n.value().compareTo(BigDecimal.valueOf(VERSION)) == 0) {
                return;
            }
            found = "unsupported version " + n.value().toPlainString();
        } else {
            found = "expected the number " + VERSION + ", got " + v.typeName();
        }
        root.problems().error(root.path("version"), found + ": Tollgate reads KrakenD v3 configs "
                + "(\"version\": " + VERSION + ")");
    }

    private static List<EndpointConfig> endpoints(ConfigObject root, EndpointParser parser) {
        List<JsonNode> items = root.array("endpoints");
        if (items.isEmpty()) {
            root.problems().warn(root.path("endpoints"), "no endpoints: every request will get 404");
        }
        List<EndpointConfig> endpoints = new ArrayList<>(items.size());
        Map<String, Integer> routes = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonPath at = root.path("endpoints").index(i);
            ConfigObject obj = ConfigObject.of(items.get(i), at, root.problems());
            if (!(items.get(i) instanceof JsonNode.JsonObject)) {
                continue; // reported by of(); its missing keys would only add noise
            }
            EndpointConfig endpoint = parser.parse(obj, i);
            if (endpoint == null) {
                continue;
            }
            String route = endpoint.method() + " " + EndpointPath.shape(endpoint.path());
            Integer first = routes.putIfAbsent(route, i);
            if (first != null) {
                root.problems().error(at.key("endpoint"), endpoint.method() + " " + endpoint.path()
                        + " is already defined by endpoints[" + first + "]");
            }
            endpoints.add(endpoint);
        }
        return endpoints;
    }
}
