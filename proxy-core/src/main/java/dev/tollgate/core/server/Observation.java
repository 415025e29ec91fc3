package dev.tollgate.core.server;

import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.metrics.EndpointMetrics;
import dev.tollgate.core.metrics.GatewayMetrics;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What every client connection's {@link RequestObserver} shares: the metrics of each route (looked up by the
 * handler the router found, in a map built once and only read after) and the access log settings.
 *
 * @param metrics   null when no metrics listener is configured
 * @param accessLog write an access line per request
 * @param skipPaths {@code logger_skip_paths}: exact paths not logged
 * @param json      the access log's JSON shape instead of gin's line
 */
public record Observation(GatewayMetrics metrics, Map<RequestHandler, EndpointMetrics> routes, boolean accessLog,
                          Set<String> skipPaths, boolean json) {
    public Observation {
        routes = new IdentityHashMap<>(routes);
        skipPaths = Set.copyOf(skipPaths);
    }

    /** Nothing to observe: the pipeline gets no observer at all. */
    boolean idle() {
        return metrics == null && !accessLog;
    }

    EndpointMetrics route(RequestHandler handler) {
        return metrics == null ? null : routes.get(handler);
    }

    EndpointMetrics unrouted(String kind, String method) {
        return metrics == null ? null : metrics.unrouted(kind, method);
    }
}
