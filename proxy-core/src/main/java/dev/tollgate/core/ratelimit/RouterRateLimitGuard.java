package dev.tollgate.core.ratelimit;

import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.extension.GuardVerdict;
import io.netty.handler.codec.http.HttpRequest;
import java.util.function.LongSupplier;

/**
 * krakend-ratelimit's router middleware for one endpoint: the client limit first (429), then the endpoint-wide one
 * (503), as its gin wrapper nests them; both answer with an empty body. A request with no client key (an empty
 * header or parameter) is refused with 429, as KrakenD refuses it.
 */
final class RouterRateLimitGuard implements EndpointGuard {
    private static final GuardVerdict CLIENT_LIMITED = GuardVerdict.reject(new GateRejection(429,
            "rate limit exceeded for a client (qos/ratelimit/router client_max_rate)"));
    private static final GuardVerdict ENDPOINT_LIMITED = GuardVerdict.reject(new GateRejection(503,
            "rate limit exceeded for the endpoint (qos/ratelimit/router max_rate)"));

    private final TokenBucket endpoint;
    private final ClientBuckets clients;
    private final ClientKeyReader keys;
    private final LongSupplier nanoClock;

    RouterRateLimitGuard(TokenBucket endpoint, ClientBuckets clients, ClientKeyReader keys, LongSupplier nanoClock) {
        this.endpoint = endpoint;
        this.clients = clients;
        this.keys = keys;
        this.nanoClock = nanoClock;
    }

    @Override
    public GuardVerdict check(HttpRequest request, String clientIp, String[] params) {
        long now = nanoClock.getAsLong();
        if (clients != null) {
            String key = keys.read(request, clientIp, params);
            if (key == null || key.isEmpty() || !clients.tryTake(key, now)) {
                return CLIENT_LIMITED;
            }
        }
        if (endpoint != null && !endpoint.tryTake(now)) {
            return ENDPOINT_LIMITED;
        }
        return GuardVerdict.PASS;
    }
}
