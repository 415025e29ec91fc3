package dev.tollgate.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A loaded KrakenD v3 configuration: the whole gateway. Immutable; built only by {@link ConfigLoader}.
 *
 * @param name          the optional {@code name} (shown at startup)
 * @param port          listen port, KrakenD default 8080; 0 picks an ephemeral port (KrakenD would use 8080)
 * @param listenIp      listen address; null means all interfaces
 * @param timeout       default endpoint timeout, KrakenD default 2s
 * @param endpoints     in file order
 * @param echoEndpoint  serve {@code /__echo/*}
 * @param debugEndpoint serve {@code /__debug/*}
 * @param router        KrakenD's router options ({@code extra_config["router"]}) that Tollgate implements
 * @param server        Tollgate-only server settings (top-level {@code extra_config["tollgate/server"]})
 * @param cors          the top-level {@code security/cors} block, or null when CORS is off
 * @param tls           the top-level {@code tls} block, or null for plain HTTP
 * @param metrics       where the Prometheus endpoint listens ({@link MetricsOptions#OFF}: nowhere)
 * @param logging       the top-level {@code telemetry/logging} block, or null for Tollgate's own log shape
 * @param extensions    the top-level namespaces parsed by gateway-level extensions ({@code tollgate/token-cache})
 */
public record GatewayConfig(
        String name,
        int port,
        String listenIp,
        Duration timeout,
        List<EndpointConfig> endpoints,
        boolean echoEndpoint,
        boolean debugEndpoint,
        RouterOptions router,
        ServerOptions server,
        CorsConfig cors,
        TlsConfig tls,
        LoggingOptions logging,
        ExtensionConfigs extensions,
        MetricsOptions metrics) {

    public GatewayConfig {
        Objects.requireNonNull(timeout, "timeout");
        metrics = metrics == null ? MetricsOptions.OFF : metrics;
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(extensions, "extensions");
    }

    /** A gateway without top-level extension namespaces. */
    public GatewayConfig(String name, int port, String listenIp, Duration timeout, List<EndpointConfig> endpoints,
                         boolean echoEndpoint, boolean debugEndpoint, RouterOptions router, ServerOptions server,
                         CorsConfig cors, TlsConfig tls, LoggingOptions logging) {
        this(name, port, listenIp, timeout, endpoints, echoEndpoint, debugEndpoint, router, server, cors, tls, logging,
                ExtensionConfigs.EMPTY);
    }

    /** The same gateway on another port (the command line's {@code --port}); every other field kept. */
    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(name, newPort, listenIp, timeout, endpoints, echoEndpoint, debugEndpoint, router,
                server, cors, tls, logging, extensions, metrics);
    }

    /** A gateway without a metrics listener. */
    public GatewayConfig(String name, int port, String listenIp, Duration timeout, List<EndpointConfig> endpoints,
                         boolean echoEndpoint, boolean debugEndpoint, RouterOptions router, ServerOptions server,
                         CorsConfig cors, TlsConfig tls, LoggingOptions logging, ExtensionConfigs extensions) {
        this(name, port, listenIp, timeout, endpoints, echoEndpoint, debugEndpoint, router, server, cors, tls, logging,
                extensions, MetricsOptions.OFF);
    }

    /** The same gateway with {@code router} options (tests and benchmarks turn the access log off). */
    public GatewayConfig withRouter(RouterOptions newRouter) {
        return new GatewayConfig(name, port, listenIp, timeout, endpoints, echoEndpoint, debugEndpoint, newRouter,
                server, cors, tls, logging, extensions, metrics);
    }

    /** A gateway with Tollgate's own log shape. */
    public GatewayConfig(String name, int port, String listenIp, Duration timeout, List<EndpointConfig> endpoints,
                         boolean echoEndpoint, boolean debugEndpoint, RouterOptions router, ServerOptions server,
                         CorsConfig cors, TlsConfig tls) {
        this(name, port, listenIp, timeout, endpoints, echoEndpoint, debugEndpoint, router, server, cors, tls, null);
    }

    /** A plain-HTTP gateway. */
    public GatewayConfig(String name, int port, String listenIp, Duration timeout, List<EndpointConfig> endpoints,
                         boolean echoEndpoint, boolean debugEndpoint, RouterOptions router, ServerOptions server,
                         CorsConfig cors) {
        this(name, port, listenIp, timeout, endpoints, echoEndpoint, debugEndpoint, router, server, cors, null, null);
    }

    /** A plain-HTTP gateway without CORS. */
    public GatewayConfig(String name, int port, String listenIp, Duration timeout, List<EndpointConfig> endpoints,
                         boolean echoEndpoint, boolean debugEndpoint, RouterOptions router, ServerOptions server) {
        this(name, port, listenIp, timeout, endpoints, echoEndpoint, debugEndpoint, router, server, null, null, null);
    }
}
