package dev.tollgate.core.gateway;

import static java.util.Objects.requireNonNull;
import dev.tollgate.core.exchange.RequestHandler;

import dev.tollgate.core.backend.BackendHost;
import dev.tollgate.core.backend.BackendPools;
import dev.tollgate.core.backend.BackendRequestBuilder;
import dev.tollgate.core.backend.BackendRoute;
import dev.tollgate.core.backend.DataBackend;
import dev.tollgate.core.backend.DataRoute;
import dev.tollgate.core.builtin.DebugEndpoint;
import dev.tollgate.core.builtin.EchoEndpoint;
import dev.tollgate.core.builtin.HealthEndpoint;
import dev.tollgate.core.config.BackendConfig;
import dev.tollgate.core.config.BackendShape;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.GatewayConfig;
import dev.tollgate.core.config.Placeholders;
import dev.tollgate.core.config.ProxyOptions;
import dev.tollgate.core.config.ServerOptions;
import dev.tollgate.core.config.TlsConfig;
import dev.tollgate.core.cors.CorsPolicy;
import dev.tollgate.core.data.BackendEncoding;
import dev.tollgate.core.data.FlatmapFilter;
import dev.tollgate.core.data.OutputEncoding;
import dev.tollgate.core.data.ResponseShape;
import dev.tollgate.core.data.SequentialParam;
import dev.tollgate.core.data.StaticData;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendExtension;
import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.EndpointExtension;
import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.extension.Extension;
import dev.tollgate.core.extension.GuardParams;
import dev.tollgate.core.guard.GuardedRoute;
import dev.tollgate.core.config.LoggingOptions;
import dev.tollgate.core.config.MetricsOptions;
import dev.tollgate.core.log.Log;
import dev.tollgate.core.metrics.EndpointMetrics;
import dev.tollgate.core.metrics.GatewayMetrics;
import dev.tollgate.core.metrics.MetricsServer;
import dev.tollgate.core.server.Observation;
import java.util.HashMap;
import java.util.Map;
import dev.tollgate.core.routing.PathTemplate;
import dev.tollgate.core.routing.Router;
import dev.tollgate.core.server.ClientChannelInitializer;
import dev.tollgate.core.server.ConnectionTracker;
import dev.tollgate.core.server.ReservedRoutes;
import dev.tollgate.core.server.ServerTls;
import dev.tollgate.core.server.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import javax.net.ssl.SSLException;

/**
 * A running gateway: the listening socket, the event loops shared by client and backend connections, the routes
 * and the extensions. {@link #start} returns once it is listening; {@link #shutdown} drains it.
 */
public final class Gateway {
    private static final Log LOG = Log.get("server");

    private final Transport transport;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final int port;
    private final ConnectionTracker tracker;
    private final List<BackendPools> pools;
    private final List<Extension<?>> extensions;
    /** Null for plain HTTP. */
    private final ServerTls serverTls;
    private final DnsAddressResolverGroup resolver;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** The metrics listeners (empty when metrics are off). */
    private final List<Channel> metricsChannels;
    /** The metrics listeners' own thread; null when metrics are off. */
    private final EventLoopGroup metricsGroup;

    private Gateway(Transport transport, EventLoopGroup group, Channel serverChannel, ConnectionTracker tracker,
                    List<BackendPools> pools, List<Extension<?>> extensions, DnsAddressResolverGroup resolver, ServerTls serverTls,
                    List<Channel> metricsChannels, EventLoopGroup metricsGroup) {
        this.metricsChannels = List.copyOf(metricsChannels);
        this.metricsGroup = metricsGroup;
        this.serverTls = serverTls;
        this.transport = transport;
        this.group = group;
        this.serverChannel = serverChannel;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        this.tracker = tracker;
        this.pools = pools;
        this.extensions = extensions;
        this.resolver = resolver;
    }

    /**
     * Builds the routes, starts the event loops and the extensions, and binds.
     *
     * @param extensions the endpoint and backend extensions, in the order their guards and decorators apply
     * @throws GatewayStartException when the address cannot be bound or a route cannot be built
     */
    public static Gateway start(GatewayConfig config, List<? extends Extension<?>> extensions)
            throws InterruptedException {
        requireNonNull(config, "config");
        List<Extension<?>> all = List.copyOf(requireNonNull(extensions, "extensions"));
        ServerOptions options = config.server();

        // Per endpoint, per backend: each backend has its own decorators (its own token, its own martian headers).
        List<List<List<BackendDecorator>>> decorators = new ArrayList<>();
        for (EndpointConfig endpoint : config.endpoints()) {
            int n = endpoint.backends().size();
            if (n == 0 || endpoint.noOp() && n != 1) {
                throw new GatewayStartException("endpoints[" + endpoint.index() + "] " + endpoint.path()
                        + ": " + (endpoint.noOp() ? "a no-op endpoint takes exactly one backend, got " + n
                        : "no backend"), null);
            }
            List<List<BackendDecorator>> perBackend = new ArrayList<>(n);
            for (BackendConfig backend : endpoint.backends()) {
                perBackend.add(decorate(endpoint, backend, all));
            }
            decorators.add(perBackend);
        }

        ServerTls serverTls = serverTls(config.tls());
        Transport transport = Transport.detect();
        EventLoopGroup group = transport.newGroup(options.ioThreads());
        List<Extension<?>> started = new ArrayList<>();
        List<BackendPools> pools = new ArrayList<>();
        // Netty's asynchronous resolver (hosts file, resolv.conf, TTL cache): a new backend connection to a host
        // name never blocks the event loop the way InetAddress lookups would.
        DnsAddressResolverGroup resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(transport.datagramChannel())
                .socketChannelType(transport.socketChannel()));
        GatewayMetrics metrics = config.metrics().enabled() ? new GatewayMetrics(config.metrics().jvmMetrics())
                : null;
        List<Channel> metricsChannels = new ArrayList<>();
        EventLoopGroup[] metricsGroup = new EventLoopGroup[1];
        try {
            for (Extension<?> extension : all) {
                extension.start(config.extensions(), group, transport.socketChannel());
                started.add(extension);
                if (metrics != null) {
                    extension.registerMetrics(metrics);
                }
            }
            Map<RequestHandler, EndpointMetrics> routeMetrics = new HashMap<>();
            // Also when no backend host is https: a backend may redirect to one.
            SslContext ssl = SslContextBuilder.forClient().build();
            Router.Builder<RequestHandler> routes = Router.builder();
            for (int i = 0; i < config.endpoints().size(); i++) {
                EndpointConfig endpoint = config.endpoints().get(i);
                try {
                    BackendSetup setup = new BackendSetup(group, transport, resolver, ssl, options,
                            config.router().returnErrorMessage(), pools, metrics);
                    RequestHandler route = endpoint.noOp()
                            ? backendRoute(endpoint, endpoint.backend(), endpoint.timeout(), decorators.get(i).get(0),
                                    setup)
                            : dataRoute(endpoint, decorators.get(i), setup);
                    List<EndpointGuard> guards = guards(endpoint, all);
                    GuardParams fromGuards = GuardParams.of(endpoint);
                    if (fromGuards.size() > 0 && guards.isEmpty()) {
                        throw new IllegalArgumentException("url_pattern placeholders " + fromGuards.names()
                                + " need a guard to fill them (auth/validator), and the endpoint has none");
                    }
                    RequestHandler served = guards.isEmpty() ? route : new GuardedRoute(endpoint.path(),
                            endpoint.timeout(), guards, fromGuards, route);
                    routes.add(endpoint.method(), PathTemplate.parse(endpoint.path()), served);
                    if (metrics != null) {
                        routeMetrics.put(served, metrics.endpoint(endpoint.path(), endpoint.method()));
                    }
                } catch (IllegalArgumentException e) {
                    // The loader validates all of this; a record built some other way still fails clearly.
                    throw new GatewayStartException("endpoints[" + i + "] " + endpoint.path() + ": "
                            + e.getMessage(), e);
                }
            }
            RequestHandler health = new HealthEndpoint(Clock.systemUTC());
            RequestHandler echo = config.echoEndpoint() ? new EchoEndpoint() : null;
            RequestHandler debug = config.debugEndpoint() ? new DebugEndpoint() : null;
            ReservedRoutes reserved = new ReservedRoutes(config.router().healthPath(), health, echo, debug);
            ConnectionTracker tracker = new ConnectionTracker();
            if (metrics != null) {
                if (config.router().healthPath() != null) {
                    routeMetrics.put(health, metrics.endpoint(config.router().healthPath(), "GET"));
                }
                if (echo != null) {
                    routeMetrics.put(echo, metrics.endpoint("/__echo/", "ANY"));
                }
                if (debug != null) {
                    routeMetrics.put(debug, metrics.endpoint("/__debug/", "ANY"));
                }
                gauges(metrics, tracker, pools);
            }
            Observation observation = new Observation(metrics, routeMetrics, config.router().accessLog(),
                    config.router().accessLogSkipPaths(), config.logging() != null
                    && config.logging().format().equals(LoggingOptions.LOGSTASH));
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ClientChannelInitializer(options, config.router(), routes.build(), reserved,
                            tracker, config.cors() == null ? null : new CorsPolicy(config.cors()), serverTls,
                            observation));
            String ip = config.listenIp() == null || config.listenIp().isBlank() ? "0.0.0.0" : config.listenIp();
            ChannelFuture bind = bootstrap.bind(ip, config.port()).await();
            if (!bind.isSuccess()) {
                throw new GatewayStartException("cannot listen on " + ip + ":" + config.port() + ": "
                        + bindFailure(bind.cause()), bind.cause());
            }
            if (serverTls != null) {
                serverTls.watch(group.next());
            }
            for (MetricsOptions.Listener listener : config.metrics().listeners()) {
                try {
                    if (metricsGroup[0] == null) {
                        // A thread of its own: a scrape (JVM collectors, extension stats) never stalls a client's
                        // event loop.
                        metricsGroup[0] = transport.newGroup(1);
                    }
                    metricsChannels.add(MetricsServer.bind(listener, metrics, metricsGroup[0],
                            transport.serverChannel()));
                } catch (IllegalStateException e) {
                    bind.channel().close();
                    metricsChannels.forEach(Channel::close);
                    throw new GatewayStartException(e.getMessage(), e);
                }
                LOG.info("metrics on http://" + (listener.host().isEmpty() ? "*" : listener.host()) + ":"
                        + MetricsServer.port(metricsChannels.get(metricsChannels.size() - 1))
                        + listener.paths().get(0) + " (Prometheus text)");
            }
            Gateway gateway = new Gateway(transport, group, bind.channel(), tracker, pools, all, resolver, serverTls,
                    metricsChannels, metricsGroup[0]);
            LOG.info("listening on " + ip + ":" + gateway.port + " (" + (serverTls == null ? "http" : "https, "
                    + String.join("/", config.tls().protocols())) + ", " + transport.name() + ", "
                    + gateway.eventLoopCount() + " event loops), " + config.endpoints().size() + (config.endpoints().size() == 1 ? " endpoint" : " endpoints"));
            return gateway;
        } catch (RuntimeException | InterruptedException | SSLException e) {
            started.forEach(Gateway::closeQuietly);
            if (metricsGroup[0] != null) {
                metricsGroup[0].shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
            resolver.close();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            if (e instanceof SSLException ssl) {
                throw new GatewayStartException("cannot initialise TLS for backends: " + ssl.getMessage(), ssl);
            }
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw (RuntimeException) e;
        }
    }

    /** HTTPS on the listener: every certificate loads before anything starts, or the start fails saying which. */
    private static ServerTls serverTls(TlsConfig tls) {
        if (tls == null) {
            return null;
        }
        if (!tls.namedGroups().isEmpty()) {
            // The JDK 17 provider takes named groups only process-wide; set before the first TLS context is built.
            System.setProperty("jdk.tls.namedGroups", String.join(",", tls.namedGroups()));
        }
        try {
            return ServerTls.load(tls);
        } catch (IOException e) {
            throw new GatewayStartException("cannot serve HTTPS: " + e.getMessage(), e);
        }
    }

    /** What every backend route of the gateway is built with; {@code allPools} collects the pools to close. */
    private record BackendSetup(EventLoopGroup group, Transport transport, DnsAddressResolverGroup resolver,
                                SslContext ssl, ServerOptions options, boolean returnErrorMessage,
                                List<BackendPools> allPools, GatewayMetrics metrics) {
    }

    /** Connection and pool gauges, read at scrape time. */
    private static void gauges(GatewayMetrics metrics, ConnectionTracker tracker, List<BackendPools> pools) {
        metrics.gauge("tollgate_client_connections", "Open client connections", tracker::size);
        metrics.gauge("tollgate_backend_connections", "Open backend connections (busy and idle)",
                () -> pools.stream().mapToLong(BackendPools::openConnections).sum());
        metrics.gauge("tollgate_backend_connections_idle", "Idle keep-alive backend connections in the pools",
                () -> pools.stream().mapToLong(BackendPools::idleConnections).sum());
    }

    /**
     * One backend's proxy path, with its own pools and gates.
     *
     * @param timeout what the backend gets: the endpoint's, or lura's share of it when several are merged
     */
    private static BackendRoute backendRoute(EndpointConfig endpoint, BackendConfig backend, Duration timeout,
                                             List<BackendDecorator> decorators, BackendSetup setup) {
        return backendRoute(endpoint, backend, timeout, decorators, setup, GuardParams.of(endpoint).names());
    }

    /**
     * @param extraParams placeholders bound after the path parameters: the guard's ({@code {JWT.x}}), then a
     *                    sequential endpoint's
     */
    private static BackendRoute backendRoute(EndpointConfig endpoint, BackendConfig backend, Duration timeout,
                                             List<BackendDecorator> decorators, BackendSetup setup,
                                             List<String> extraParams) {
        List<BackendHost> hosts = backend.hosts().stream().map(BackendHost::parse).toList();
        List<BackendGate> gates = decorators.stream().map(BackendDecorator::gate).toList();
        int connectTimeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        BackendPools pools = new BackendPools(setup.group(), setup.transport().socketChannel(), hosts,
                setup.resolver(), setup.ssl(), decorators, setup.options().idleTimeout().toMillis(), connectTimeout);
        setup.allPools().add(pools);
        // A no-op endpoint's one backend needs no name in its log lines; one of a data endpoint's does.
        return new BackendRoute(endpoint.path(), timeout, hosts,
                new BackendRequestBuilder(endpoint, backend, extraParams), gates, pools, backend.followRedirects(),
                setup.returnErrorMessage(), endpoint.noOp() ? null : backend.method() + " " + backend.urlPattern(),
                decorators, setup.metrics() == null ? null
                        : setup.metrics().backend(endpoint.path(), backend.method() + " " + backend.urlPattern()));
    }

    /**
     * An endpoint that is not no-op: every backend called at once (or in sequence), the answers decoded, merged
     * and rendered.
     */
    private static DataRoute dataRoute(EndpointConfig endpoint, List<List<BackendDecorator>> decorators,
                                       BackendSetup setup) {
        List<BackendConfig> backends = endpoint.backends();
        Duration chain = DataRoute.backendTimeout(endpoint.timeout(), backends.size());
        Duration timeout = DataRoute.backendTimeout(endpoint.timeout(), backends.size(), endpoint.concurrentCalls());
        // lura's sequential merge, like its parallel one, is only there for more than one backend
        boolean sequential = endpoint.proxy().sequential() && backends.size() > 1;
        List<String> fromGuards = GuardParams.of(endpoint).names();
        List<String> fromAnswers = sequential ? sequentialPlaceholders(backends) : List.of();
        // The order of the request's values: path parameters, the guard's, then (filled per call) the answers'
        List<String> extra = new ArrayList<>(fromGuards);
        extra.addAll(fromAnswers);
        List<DataBackend> calls = new ArrayList<>(backends.size());
        for (int j = 0; j < backends.size(); j++) {
            BackendConfig b = backends.get(j);
            BackendShape shape = b.shape();
            BackendEncoding encoding = BackendEncoding.byName(b.encoding());
            calls.add(new DataBackend(backendRoute(endpoint, b, timeout, decorators.get(j), setup, extra),
                    encoding == null ? BackendEncoding.JSON : encoding, shape.isCollection(),
                    ResponseShape.of(shape.target(), shape.allow(), shape.deny(), shape.mapping(), shape.group(),
                            shape.flatmap().isEmpty() ? null : FlatmapFilter.of(shape.flatmap())),
                    b.method() + " " + b.urlPattern(), b.errors().returnErrorCode(),
                    b.errors().detailsName() == null ? null : "error_" + b.errors().detailsName()));
        }
        OutputEncoding output = OutputEncoding.byName(endpoint.outputEncoding());
        if (output == null && backends.size() == 1) {
            // lura's getRender: an unknown name falls back to the lone backend's encoding's render, else json
            output = OutputEncoding.byName(backends.get(0).encoding());
        }
        ProxyOptions.StaticResponse fixed = endpoint.proxy().staticResponse();
        return new DataRoute(endpoint.path(), calls, output == null ? OutputEncoding.JSON : output,
                endpoint.cacheTtl(), setup.options().maxResponseBodyBytes(), setup.returnErrorMessage(),
                sequential ? fromAnswers.stream().map(SequentialParam::new).toList() : null, chain,
                fixed == null ? null : new StaticData(StaticData.Strategy.byName(fixed.strategy()), fixed.data()),
                backends.size() > 1 && !endpoint.proxy().flatmap().isEmpty()
                        ? FlatmapFilter.of(endpoint.proxy().flatmap()) : null, endpoint.concurrentCalls());
    }

    /** Every {@code {respN_x}} placeholder of a sequential endpoint's url_patterns, each once, in order. */
    private static List<String> sequentialPlaceholders(List<BackendConfig> backends) {
        Set<String> names = new LinkedHashSet<>();
        for (BackendConfig b : backends) {
            Matcher m = Placeholders.PLACEHOLDER.matcher(b.urlPattern());
            while (m.find()) {
                if (m.group(1).matches("resp[0-9]+_.+")) {
                    names.add(m.group(1));
                }
            }
        }
        return List.copyOf(names);
    }

    /** The decorators of one backend: one per extension (in list order) that has a config in this backend. */
    static List<BackendDecorator> decorate(EndpointConfig endpoint, BackendConfig backend,
                                           List<? extends Extension<?>> extensions) {
        List<BackendDecorator> out = new ArrayList<>();
        for (Extension<?> e : extensions) {
            if (e instanceof BackendExtension<?> extension) {
                BackendDecorator decorator = decorateOne(extension, endpoint, backend);
                if (decorator != null) {
                    out.add(decorator);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The guards of one endpoint, in list order: the order KrakenD's handler factory stacks its middlewares in
     * (JWT validation before rate limits), when the extensions are listed that way.
     */
    static List<EndpointGuard> guards(EndpointConfig endpoint, List<? extends Extension<?>> extensions) {
        List<EndpointGuard> out = new ArrayList<>();
        for (Extension<?> e : extensions) {
            if (e instanceof EndpointExtension<?> extension) {
                EndpointGuard guard = guardOne(extension, endpoint);
                if (guard != null) {
                    out.add(guard);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The extension's guard when the endpoint configures it; typed through the namespace, no cast. */
    private static <C> EndpointGuard guardOne(EndpointExtension<C> extension, EndpointConfig endpoint) {
        C config = endpoint.extensions().get(extension);
        return config == null ? null : extension.guard(endpoint, config);
    }

    /** The extension's decorator when the backend configures it; typed through the namespace, no cast. */
    private static <C> BackendDecorator decorateOne(BackendExtension<C> extension, EndpointConfig endpoint,
                                                    BackendConfig backend) {
        C config = backend.extensions().get(extension);
        return config == null ? null : extension.decorate(endpoint, backend, config);
    }

    private static String bindFailure(Throwable cause) {
        String message = cause == null ? "unknown error" : String.valueOf(cause.getMessage());
        int i = message.indexOf("Address already in use");
        return i >= 0 ? "Address already in use" : message;
    }

    /** The bound port (the real one when the config asked for port 0). */
    public int port() {
        return port;
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport.name();
    }

    int eventLoopCount() {
        int n = 0;
        for (var ignored : group) {
            n++;
        }
        return n;
    }

    /** The bound metrics ports, in config order (empty when metrics are off). */
    public List<Integer> metricsPorts() {
        return metricsChannels.stream().map(MetricsServer::port).toList();
    }

    /** Open client connections (for tests and monitoring). */
    public int openConnections() {
        return tracker.size();
    }

    /**
     * Stops accepting, lets in-flight exchanges finish for up to {@code grace} (idle keep-alive connections close at
     * once, busy ones after their response), then closes what is left, stops the extensions and the event loops.
     * Blocks until done; later calls do nothing. Call it from an ordinary thread (a shutdown hook), never from
     * one of the gateway's event loops.
     */
    public void shutdown(Duration grace) {
        requireNonNull(grace, "grace");
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        metricsChannels.forEach(Channel::close);
        if (metricsGroup != null) {
            metricsGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        int forced = 0;
        try {
            forced = tracker.drain(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (serverTls != null) {
            serverTls.close();
        }
        pools.forEach(BackendPools::close);
        extensions.forEach(Gateway::closeQuietly);
        resolver.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        LOG.info(forced == 0 ? "stopped" : "stopped; " + forced + " connection(s) were still busy after the grace period");
        Log.flush(); // the process usually exits right after this
    }

    private static void closeQuietly(Extension<?> extension) {
        try {
            extension.close();
        } catch (RuntimeException e) {
            LOG.warn("extension " + extension.namespace() + " failed to close: " + e);
        }
    }
}
