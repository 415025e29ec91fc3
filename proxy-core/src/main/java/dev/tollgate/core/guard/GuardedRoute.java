package dev.tollgate.core.guard;

import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.extension.GuardParams;
import dev.tollgate.core.extension.GuardVerdict;
import dev.tollgate.core.log.Log;
import dev.tollgate.core.log.RateLimitedLog;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * An endpoint whose requests pass its guards (JWT validation, rate limits) before its own handler sees them, in
 * guard order, as KrakenD's middlewares wrap its endpoint handler. A guard that answers at once costs nothing per
 * request; one that must wait gets a {@link PendingGuards} exchange that holds the request until it answers.
 * When the endpoint's backends take values from a guard ({@link GuardParams}: {@code {JWT.sub}}), each request's
 * parameter array is widened once to hold them; for every other endpoint it is the router's, untouched.
 */
public final class GuardedRoute implements RequestHandler {
    private static final Log LOG = Log.get("guard");

    /** The kinds of log line, each rate-limited on its own: a guard stopped a request, or did not answer in time. */
    enum Line { REJECTED, TIMED_OUT }

    private final EndpointGuard[] guards;
    private final RequestHandler next;
    /** Slots the guards fill after the path parameters; zero for most endpoints (no copy then). */
    private final int guardParams;
    private final long timeoutNanos;
    private final RateLimitedLog<Line> log;

    /**
     * @param endpoint the public path, for log lines
     * @param timeout  bounds how long a pending guard may take (the endpoint's timeout)
     */
    public GuardedRoute(String endpoint, Duration timeout, List<EndpointGuard> guards, RequestHandler next) {
        this(endpoint, timeout, guards, GuardParams.NONE, next);
    }

    /** @param params the values the guards hand the backends, after the path parameters */
    public GuardedRoute(String endpoint, Duration timeout, List<EndpointGuard> guards, GuardParams params,
                        RequestHandler next) {
        this.guards = guards.toArray(new EndpointGuard[0]);
        this.next = next;
        this.guardParams = params.size();
        this.timeoutNanos = timeout.toNanos();
        this.log = new RateLimitedLog<>(LOG, endpoint, Line.class);
    }

    @Override
    public ClientExchange newExchange(ClientConnection connection, HttpRequest request, String[] params) {
        return from(0, connection, request, guardParams == 0 ? params
                : Arrays.copyOf(params, params.length + guardParams));
    }

    /** Runs the guards from {@code first} on; the next handler's exchange when all pass at once. */
    ClientExchange from(int first, ClientConnection connection, HttpRequest request, String[] params) {
        for (int i = first; i < guards.length; i++) {
            GuardVerdict verdict = guards[i].check(request, connection.clientIp(), params);
            if (verdict == GuardVerdict.PASS) {
                continue;
            }
            if (verdict == GuardVerdict.PENDING) {
                return new PendingGuards(this, i, connection, request, params);
            }
            return rejected(connection, verdict.rejection());
        }
        return next.newExchange(connection, request, params);
    }

    ClientExchange rejected(ClientConnection connection, GateRejection rejection) {
        return rejected(connection, rejection, Line.REJECTED);
    }

    ClientExchange rejected(ClientConnection connection, GateRejection rejection, Line line) {
        log.endpointError(line, rejection.logMessage());
        return new LocalAnswer(connection, rejection.status(), rejection.headers());
    }

    EndpointGuard guard(int index) {
        return guards[index];
    }

    long timeoutNanos() {
        return timeoutNanos;
    }
}
