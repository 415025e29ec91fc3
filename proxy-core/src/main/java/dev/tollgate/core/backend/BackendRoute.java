package dev.tollgate.core.backend;

import static java.util.Objects.requireNonNull;

import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.log.Log;
import dev.tollgate.core.metrics.BackendMetrics;
import dev.tollgate.core.log.RateLimitedLog;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy path of one endpoint: everything its exchanges need, precomputed at startup and shared read-only by
 * all event loops (the request builder, the gates that are not trivially open, the per-loop pools).
 */
public final class BackendRoute implements RequestHandler {
    private static final Log LOG = Log.get("proxy");

    private final String endpoint;
    private final long timeoutNanos;
    private final String timeoutText;
    private final BackendHost[] hosts;
    private final BackendRequestBuilder requests;
    private final BackendGate[] gates;
    private final BackendDecorator[] decorators;
    /** The largest request body kept for a replay after a 401 (0: bodiless requests only). */
    private final int replayBodyLimit;
    private final BackendPools pools;
    private final ConcurrentHashMap<EventLoop, DeadlineQueue> deadlines = new ConcurrentHashMap<>();
    private final boolean followsRedirects;
    private final boolean returnsErrorMessage;
    private final RateLimitedLog<ExchangeError> errors;
    /** Null when metrics are off. */
    private final BackendMetrics metrics;
    /** {@code [METHOD url_pattern]: } for one backend of several, so a log line says which; else empty. */
    private final String logPrefix;

    /**
     * @param endpoint the public path, for log lines
     * @param timeout  bounds gate wait, connect and the whole response
     * @param gates    the decorators' gates in extension order
     * @param followsRedirects follow the backend's redirects (KrakenD's default) instead of passing them on
     * @param returnsErrorMessage {@code router.return_error_msg}: error responses carry their reason as text
     */
    public BackendRoute(String endpoint, Duration timeout, List<BackendHost> hosts, BackendRequestBuilder requests,
                        List<BackendGate> gates, BackendPools pools, boolean followsRedirects,
                        boolean returnsErrorMessage) {
        this(endpoint, timeout, hosts, requests, gates, pools, followsRedirects, returnsErrorMessage, null);
    }

    /** @param backendName {@code METHOD url_pattern}, named in this route's log lines; null for none */
    public BackendRoute(String endpoint, Duration timeout, List<BackendHost> hosts, BackendRequestBuilder requests,
                        List<BackendGate> gates, BackendPools pools, boolean followsRedirects,
                        boolean returnsErrorMessage, String backendName) {
        this(endpoint, timeout, hosts, requests, gates, pools, followsRedirects, returnsErrorMessage, backendName,
                List.of());
    }

    /** @param decorators the backend's decorators, asked whether a request refused with 401 may be replayed */
    public BackendRoute(String endpoint, Duration timeout, List<BackendHost> hosts, BackendRequestBuilder requests,
                        List<BackendGate> gates, BackendPools pools, boolean followsRedirects,
                        boolean returnsErrorMessage, String backendName, List<BackendDecorator> decorators) {
        this(endpoint, timeout, hosts, requests, gates, pools, followsRedirects, returnsErrorMessage, backendName,
                decorators, null);
    }

    /** @param metrics this backend's latency and failures; null when metrics are off */
    public BackendRoute(String endpoint, Duration timeout, List<BackendHost> hosts, BackendRequestBuilder requests,
                        List<BackendGate> gates, BackendPools pools, boolean followsRedirects,
                        boolean returnsErrorMessage, String backendName, List<BackendDecorator> decorators,
                        BackendMetrics metrics) {
        this.metrics = metrics;
        this.decorators = decorators.toArray(new BackendDecorator[0]);
        int keep = 0;
        for (BackendDecorator d : this.decorators) {
            keep = Math.max(keep, d.replayBodyLimit());
        }
        this.replayBodyLimit = keep;
        this.logPrefix = backendName == null ? "" : "[" + backendName + "]: ";
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.timeoutNanos = requireNonNull(timeout, "timeout").toNanos();
        this.timeoutText = dev.tollgate.core.config.GoDuration.format(timeout);
        this.hosts = hosts.toArray(new BackendHost[0]);
        if (this.hosts.length == 0) {
            throw new IllegalArgumentException("endpoint " + endpoint + ": no backend host");
        }
        this.requests = requireNonNull(requests, "requests");
        this.gates = gates.stream().filter(g -> g != BackendGate.OPEN).toArray(BackendGate[]::new);
        this.pools = requireNonNull(pools, "pools");
        this.followsRedirects = followsRedirects;
        this.returnsErrorMessage = returnsErrorMessage;
        this.errors = new RateLimitedLog<>(LOG, endpoint, ExchangeError.class);
    }

    @Override
    public ClientExchange newExchange(ClientConnection connection, HttpRequest request, String[] params) {
        return new Exchange(this, connection, request, params);
    }

    String endpoint() {
        return endpoint;
    }

    /** Null when metrics are off. */
    BackendMetrics metrics() {
        return metrics;
    }

    int replayBodyLimit() {
        return replayBodyLimit;
    }

    /** The gate a request refused with 401 passes before it is sent once more, or null (see BackendDecorator). */
    BackendGate replayGate(io.netty.channel.Channel backend, io.netty.handler.codec.http.HttpResponse response) {
        for (BackendDecorator d : decorators) {
            BackendGate gate = d.replayGate(backend, response);
            if (gate != null) {
                return gate;
            }
        }
        return null;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** This route's endpoint timeouts on {@code loop}: one queue per loop, made on the loop's first request. */
    DeadlineQueue deadlines(EventLoop loop) {
        DeadlineQueue q = deadlines.get(loop);
        return q != null ? q : deadlines.computeIfAbsent(loop, l -> new DeadlineQueue(l, timeoutNanos));
    }

    String timeoutText() {
        return timeoutText;
    }

    BackendHost host(int index) {
        return hosts[index];
    }

    /** The backend's hosts; not to be modified. */
    BackendHost[] hosts() {
        return hosts;
    }

    boolean followsRedirects() {
        return followsRedirects;
    }

    boolean returnsErrorMessage() {
        return returnsErrorMessage;
    }

    BackendRequestBuilder requests() {
        return requests;
    }

    BackendGate[] gates() {
        return gates;
    }

    BackendPools pools() {
        return pools;
    }

    /** {@code why}, naming the backend when the route has a name. */
    String named(String why) {
        return logPrefix.isEmpty() ? why : logPrefix + why;
    }

    /** Per-request error lines of this endpoint, at most one a second per kind. */
    RateLimitedLog<ExchangeError> errors() {
        return errors;
    }
}
