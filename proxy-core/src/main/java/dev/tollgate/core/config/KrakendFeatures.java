package dev.tollgate.core.config;

import static dev.tollgate.core.config.FeatureClass.BEHAVIOUR;
import static dev.tollgate.core.config.FeatureClass.HARMLESS;
import static dev.tollgate.core.config.FeatureClass.PROTECTION;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every KrakenD feature (CE and EE, legacy names included) that Tollgate does not implement, sorted into
 * {@link FeatureClass}es. This one table decides what a config that uses one gets: refused, a warning, or an INFO
 * line. README.md prints the same table ({@link #markdownTable()}; a test keeps the two equal). When Tollgate
 * implements a feature, it leaves this table.
 *
 * <p>Namespaces nobody listed here are still classified by their family: an unknown {@code auth/...},
 * {@code security/...}, {@code validation/...}, {@code qos/ratelimit/...}, {@code plugin/...} or
 * {@code modifier/lua...} name is a protection (a typo in {@code auth/validatr} must not open an endpoint), an
 * unknown {@code telemetry/...} or {@code documentation/...} name is harmless.
 */
public final class KrakendFeatures {
    private static final String NAMESPACE = "namespace";
    private static final String PASS_THROUGH = "answers as without it";

    private static final List<KrakendFeature> ALL = new ArrayList<>();
    private static final Map<String, KrakendFeature> NAMESPACES = new HashMap<>();
    private static final Map<String, KrakendFeature> GATEWAY_KEYS = new HashMap<>();
    private static final Map<String, KrakendFeature> ENDPOINT_KEYS = new HashMap<>();
    private static final Map<String, KrakendFeature> BACKEND_KEYS = new HashMap<>();
    /** Families of namespaces: prefix, class, what a member of the family does. Longest prefix first. */
    private static final List<String[]> FAMILIES = List.of(
            new String[] {"qos/ratelimit/", "protection", "limits the request rate (429 or 503 past it)"},
            new String[] {"modifier/lua", "protection", "runs a Lua script that may reject or rewrite requests"},
            new String[] {"validation/", "protection", "rejects requests that fail a validation"},
            new String[] {"security/", "protection", "applies a security policy to requests or responses"},
            new String[] {"plugin/", "protection", "runs a Go plugin on the request path (it may be the auth)"},
            new String[] {"auth/", "protection", "authenticates or authorises requests"},
            new String[] {"telemetry/", "harmless", "exports logs, metrics or traces"},
            new String[] {"documentation/", "harmless", "generates documentation"});

    /**
     * KrakenD namespaces (and the top-level {@code tls} key) Tollgate implements, so they are in no class: a family
     * such as {@code qos/ratelimit/} must not claim them, and there is nothing to opt in to. Tollgate-only
     * namespaces that an extension reads ({@code tollgate/token-cache}) are listed too.
     */
    public static final Set<String> IMPLEMENTED = Set.of("auth/client-credentials",
            "github.com/devopsfaith/krakend-oauth2-clientcredentials", "modifier/martian",
            "github.com/devopsfaith/krakend-martian", "qos/ratelimit/router", "qos/ratelimit/proxy", "router",
            "github_com/luraproject/lura/router/gin", "backend/http/client", "security/cors",
            "github_com/devopsfaith/krakend-cors", "tls", "telemetry/logging",
            "github_com/devopsfaith/krakend-gologging", "auth/validator", "github.com/devopsfaith/krakend-jose/validator",
            "backend/http", "github.com/devopsfaith/krakend/http", "tollgate/token-cache", "telemetry/opentelemetry",
            "telemetry/metrics", "github_com/devopsfaith/krakend-metrics");

    /** krakend-ce's legacy names of the telemetry components (its alias table, cmd/krakend-ce/main.go). */
    private static final Map<String, String> LEGACY_TELEMETRY = Map.of(
            "gelf", "github_com/devopsfaith/krakend-gelf",
            "logstash", "github_com/devopsfaith/krakend-logstash",
            "metrics", "github_com/devopsfaith/krakend-metrics",
            "influx", "github_com/letgoapp/krakend-influx",
            "opencensus", "github_com/devopsfaith/krakend-opencensus");

    static {
        // --- protection: absent, a request KrakenD stops gets through, or a client is told less ---
        protection("auth/signer", "signs the backend's answer as a JWT (a login endpoint); without it the raw "
                + "claims reach the client", "github.com/devopsfaith/krakend-jose/signer");
        protection("auth/api-keys", "requires an API key (401 or 403 without a valid one)");
        protection("auth/basic", "requires HTTP Basic credentials (401 without them)");
        protection("auth/revoker", "rejects revoked JWTs", "github_com/devopsfaith/bloomfilter",
                "github.com/devopsfaith/bloomfilter");
        protection("auth/gcp", "authenticates the gateway to the backend with a Google Cloud identity token");
        protection("auth/ntlm", "authenticates the gateway to the backend with NTLM");
        protection("auth/aws-sigv4", "signs backend requests with AWS Signature Version 4");
        protection("security/bot-detector", "rejects requests from bots by User-Agent (403)",
                "github_com/devopsfaith/krakend-botdetector");
        protection("security/http", "enforces allowed hosts and HTTPS, and adds security headers (HSTS, "
                + "X-Frame-Options, Content-Security-Policy...)", "github_com/devopsfaith/krakend-httpsecure");
        protection("security/policies", "rejects requests and responses that fail its policies");
        protection("validation/json-schema", "rejects request bodies that do not match a JSON schema (400)",
                "github.com/devopsfaith/krakend-jsonschema");
        protection("validation/cel", "rejects requests or responses for which a CEL expression is false",
                "github.com/devopsfaith/krakend-cel");
        protection("validation/response-json-schema", "rejects backend answers that do not match a JSON "
                + "schema");
        // KrakenD 1.x's names (camelCase fields): KrakenD 2 no longer reads them and serves such an endpoint with
        // no limit at all. Tollgate implements qos/ratelimit/router and /proxy, not these spellings.
        protection("github.com/devopsfaith/krakend-ratelimit/juju/router", "KrakenD 1.x: limited requests per "
                + "endpoint and client (maxRate, clientMaxRate); KrakenD 2 ignores this name: no limit",
                "github.com/devopsfaith/krakend-ratelimit/rate/router");
        protection("github.com/devopsfaith/krakend-ratelimit/juju/proxy", "KrakenD 1.x: limited the requests sent "
                + "to a backend; KrakenD 2 ignores this name: no limit",
                "github.com/devopsfaith/krakend-ratelimit/rate/proxy");
        protection("qos/ratelimit/service", "limits the requests the whole gateway takes");
        protection("qos/ratelimit/tiered", "limits requests per client tier");
        protection("qos/circuit-breaker", "stops calling a failing backend for a while",
                "github.com/devopsfaith/krakend-circuitbreaker/gobreaker");
        protection("plugin/http-server", "runs Go plugins on every request (a plugin may be the auth)",
                "github_com/devopsfaith/krakend/transport/http/server/handler");
        protection("plugin/http-client", "calls the backend through a Go plugin (it may sign or authenticate)",
                "github.com/devopsfaith/krakend/transport/http/client/executor");
        protection("plugin/req-resp-modifier", "runs Go plugins that may reject or rewrite requests and "
                + "responses", "github.com/devopsfaith/krakend/proxy/plugin");
        protection("modifier/lua-endpoint", "runs a Lua script on the endpoint (it may reject requests)",
                "github.com/devopsfaith/krakend-lua/router");
        protection("modifier/lua-proxy", "runs a Lua script around the backends (it may reject requests)",
                "github.com/devopsfaith/krakend-lua/proxy");
        protection("modifier/lua-backend", "runs a Lua script on a backend call (it may reject requests)",
                "github.com/devopsfaith/krakend-lua/proxy/backend");
        key(PROTECTION, "client_tls", "top-level key", "connects to backends with its own CAs, client "
                + "certificates (mTLS) or TLS settings", "uses the JVM trust store and no client certificate",
                GATEWAY_KEYS);
        key(PROTECTION, "plugin", "top-level key", "loads Go plugins (a plugin may be the auth)",
                "loads no plugins", GATEWAY_KEYS);

        // --- behaviour: the answer differs, nothing is let through ---
        behaviour("proxy", "hands sequential answers on as request parameters (sequential_propagated_params, "
                + "for Lua) or merges with a plugin's combiner", "ignores those keys (it implements the namespace's "
                + "sequential, static and flatmap_filter)", "github.com/devopsfaith/krakend/proxy");
        behaviour("qos/http-cache", "caches backend answers as their Cache-Control allows",
                "asks the backend every time", "github.com/devopsfaith/krakend-httpcache");
        behaviour("modifier/jmespath", "reshapes the answer with a JMESPath expression", PASS_THROUGH);
        behaviour("modifier/request-body-generator", "builds the backend request body from a template",
                "forwards the client's body");
        behaviour("modifier/response-body-generator", "builds the answer body from a template", PASS_THROUGH);
        behaviour("modifier/response-headers", "adds, replaces or removes response headers", PASS_THROUGH);
        behaviour("backend/grpc", "calls a gRPC backend", "sends HTTP/1.1 to the host");
        behaviour("backend/soap", "calls a SOAP backend from a template", "sends the request as it is");
        behaviour("backend/graphql", "turns the request into a GraphQL query", "sends the request as it is",
                "github.com/devopsfaith/krakend/transport/http/client/graphql", "github.com/devopsfaith/krakend-graphql");
        behaviour("backend/lambda", "invokes an AWS Lambda function", "sends HTTP/1.1 to the host",
                "github.com/devopsfaith/krakend-lambda");
        behaviour("backend/amqp/consumer", "reads messages from an AMQP queue", "sends HTTP/1.1 to the host",
                "github.com/devopsfaith/krakend-amqp/consume");
        behaviour("backend/amqp/producer", "publishes the request to an AMQP exchange",
                "sends HTTP/1.1 to the host", "github.com/devopsfaith/krakend-amqp/produce");
        behaviour("backend/pubsub/publisher", "publishes the request to a pub/sub topic",
                "sends HTTP/1.1 to the host", "github.com/devopsfaith/krakend-pubsub/publisher");
        behaviour("backend/pubsub/subscriber", "reads messages from a pub/sub subscription",
                "sends HTTP/1.1 to the host", "github.com/devopsfaith/krakend-pubsub/subscriber");
        behaviour("async/amqp", "runs an agent that consumes an AMQP queue and calls the backends",
                "runs none", "github.com/devopsfaith/krakend-amqp/agent");
        behaviour("backend/static-filesystem", "serves files from disk as the backend",
                "sends HTTP/1.1 to the host");
        behaviour("server/static-filesystem", "serves files from disk", "answers 404 for them");
        behaviour("server/virtualhost", "routes by Host header", "routes by path only");
        behaviour("websocket", "proxies WebSocket connections", "proxies plain HTTP requests only");
        behaviour("grpc", "serves gRPC endpoints from a catalog", "serves HTTP/1.1 only");
        key(BEHAVIOUR, "encoding", "backend key", "rss decodes the backend's RSS, Atom or JSON feed (krakend-rss: "
                + "gofeed's parsers and its feed model)", "decodes it as json, so the backend fails (it implements "
                + "json, safejson, string, xml and no-op)", BACKEND_KEYS);
        key(BEHAVIOUR, "concurrent_calls", "endpoint key", "on a no-op endpoint, sends N identical requests to the "
                + "backend and answers with the first good one", "sends exactly one (it implements concurrent_calls "
                + "on endpoints that are not no-op)", ENDPOINT_KEYS);
        key(BEHAVIOUR, "sd", "backend key", "finds hosts by DNS SRV records (\"dns\")",
                "uses the host list as written (static)", BACKEND_KEYS);
        key(BEHAVIOUR, "async_agent", "top-level key", "runs agents that consume queues and call backends",
                "runs none", GATEWAY_KEYS);
        key(BEHAVIOUR, "use_h2c", "top-level key", "serves HTTP/2 over cleartext", "serves HTTP/1.1",
                GATEWAY_KEYS);
        key(BEHAVIOUR, "disable_rest", "top-level key", "accepts endpoint paths outside the strict REST rules",
                "keeps the strict rules", GATEWAY_KEYS);
        key(BEHAVIOUR, "read_timeout", "top-level key", "bounds reading a whole client request",
                "bounds the header section (read_header_timeout) and the backend exchange (timeout)",
                GATEWAY_KEYS);
        key(BEHAVIOUR, "write_timeout", "top-level key", "bounds writing the answer to a client",
                "bounds the backend exchange with the endpoint timeout", GATEWAY_KEYS);
        key(BEHAVIOUR, "idle_timeout", "top-level key", "closes idle keep-alive client connections after it",
                "uses extra_config[\"tollgate/server\"].idle_timeout (60s)", GATEWAY_KEYS);

        // --- harmless: nothing a client can observe changes ---
        for (String t : List.of("opencensus", "influx", "gelf", "logstash",
                "newrelic", "moesif", "ganalytics")) {
            String legacy = LEGACY_TELEMETRY.get(t);
            String[] aliases = legacy == null ? new String[0] : new String[] {legacy};
            harmless("telemetry/" + t, "exports telemetry"
                    + " (" + t + ")", "does not; see README's Logs", aliases);
        }
        harmless("documentation/openapi", "generates OpenAPI documentation", "does not");
        harmless("redis", "defines Redis connection pools for other components", "does not need them");
        for (String k : List.of("sequential_start", "dialer_timeout", "dialer_fallback_delay",
                "dialer_keep_alive", "idle_connection_timeout", "disable_keep_alives", "max_idle_connections",
                "max_idle_connections_per_host", "response_header_timeout", "expect_continue_timeout",
                "dns_cache_ttl", "disable_compression")) {
            key(HARMLESS, k, "top-level key", "tunes its HTTP client or start-up",
                    "keeps HTTP/1.1 connections alive in per-event-loop pools, bounded by the endpoint timeout",
                    GATEWAY_KEYS);
        }
    }

    private KrakendFeatures() {
    }

    /** Every feature of the table, protection first, in the README's order. */
    public static List<KrakendFeature> all() {
        return Collections.unmodifiableList(ALL);
    }

    /**
     * The feature an {@code extra_config} namespace names (canonical or legacy), classified by its family when the
     * table does not list it; null for a namespace of no known family (KrakenD ignores those too).
     */
    public static KrakendFeature namespace(String namespace) {
        if (IMPLEMENTED.contains(namespace)) {
            return null; // Tollgate's own extension reads it; never classed by its family
        }
        KrakendFeature listed = NAMESPACES.get(namespace);
        if (listed != null) {
            return listed;
        }
        for (String[] family : FAMILIES) {
            if (namespace.startsWith(family[0])) {
                FeatureClass featureClass = family[1].equals("protection") ? PROTECTION : HARMLESS;
                return new KrakendFeature(namespace, NAMESPACE, featureClass, family[2]
                        + " (a " + family[0] + " namespace Tollgate does not know)", "does not", List.of());
            }
        }
        return null;
    }

    /** A feature by the name a user writes it (a namespace, legacy alias or key), or null. */
    public static KrakendFeature byName(String name) {
        KrakendFeature f = namespace(name);
        if (f == null) {
            f = GATEWAY_KEYS.get(name);
        }
        if (f == null) {
            f = ENDPOINT_KEYS.get(name);
        }
        return f == null ? BACKEND_KEYS.get(name) : f;
    }

    /** A top-level key of the table, or null. */
    static KrakendFeature gatewayKey(String key) {
        return GATEWAY_KEYS.get(key);
    }

    /** An endpoint key of the table, or null. */
    static KrakendFeature endpointKey(String key) {
        return ENDPOINT_KEYS.get(key);
    }

    /** A backend key of the table, or null. */
    static KrakendFeature backendKey(String key) {
        return BACKEND_KEYS.get(key);
    }

    /** The table as README.md prints it. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Feature | Where | Class | KrakenD | Tollgate |\n");
        sb.append("|---|---|---|---|---|\n");
        for (KrakendFeature f : ALL) {
            String name = "`" + f.name() + "`" + (f.aliases().isEmpty() ? ""
                    : " (also `" + String.join("`, `", f.aliases()) + "`)");
            String tollgate = f.isProtection() ? "**refused**; with the opt-in: " + f.tollgate() : f.tollgate();
            sb.append("| ").append(name).append(" | ").append(f.where()).append(" | ")
                    .append(f.featureClass().label()).append(" | ").append(escape(f.krakend())).append(" | ")
                    .append(escape(tollgate)).append(" |\n");
        }
        return sb.toString();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }

    private static void protection(String name, String krakend, String... aliases) {
        add(new KrakendFeature(name, NAMESPACE, PROTECTION, krakend, "served without it", List.of(aliases)));
    }

    private static void behaviour(String name, String krakend, String tollgate, String... aliases) {
        add(new KrakendFeature(name, NAMESPACE, BEHAVIOUR, krakend, tollgate, List.of(aliases)));
    }

    private static void harmless(String name, String krakend, String tollgate, String... aliases) {
        add(new KrakendFeature(name, NAMESPACE, HARMLESS, krakend, tollgate, List.of(aliases)));
    }

    private static void add(KrakendFeature f) {
        ALL.add(f);
        register(NAMESPACES, f.name(), f);
        for (String alias : f.aliases()) {
            register(NAMESPACES, alias, f);
        }
    }

    @SafeVarargs
    private static void key(FeatureClass featureClass, String name, String where, String krakend, String tollgate,
                            Map<String, KrakendFeature>... levels) {
        KrakendFeature f = new KrakendFeature(name, where, featureClass, krakend, tollgate, List.of());
        ALL.add(f);
        for (Map<String, KrakendFeature> level : levels) {
            register(level, name, f);
        }
    }

    private static void register(Map<String, KrakendFeature> map, String name, KrakendFeature f) {
        if (map.putIfAbsent(name, f) != null) {
            throw new IllegalStateException("listed twice: " + name);
        }
    }
}
