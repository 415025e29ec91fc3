package dev.tollgate.core.ratelimit;

import dev.tollgate.core.config.BackendConfig;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendExtension;
import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.GateRejection;
import java.util.function.LongSupplier;

/**
 * KrakenD's backend rate limit, {@code qos/ratelimit/proxy}: one bucket for the requests sent to that backend.
 * Past it the backend is not called and the proxy fails with krakendrate's {@code ErrLimited}, which KrakenD's
 * endpoint answers as any backend error: 500 (with its text when {@code return_error_msg} is on).
 */
public final class ProxyRateLimitExtension implements BackendExtension<RateLimit> {
    public static final String NAMESPACE = "qos/ratelimit/proxy";
    /** krakendrate.ErrLimited's text, spelling included: what a KrakenD client reads with return_error_msg. */
    static final GateRejection LIMITED = new GateRejection(500, "rate limit exceded");

    private final LongSupplier nanoClock;

    public ProxyRateLimitExtension() {
        this(System::nanoTime);
    }

    ProxyRateLimitExtension(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public RateLimit parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        return RateLimitParser.proxy(value, path, problems);
    }

    @Override
    public BackendDecorator decorate(EndpointConfig endpoint, BackendConfig backend, RateLimit limit) {
        TokenBucket bucket = new TokenBucket(limit, nanoClock.getAsLong());
        BackendGate gate = (loop, listener) -> {
            if (bucket.tryTake(nanoClock.getAsLong())) {
                listener.onReady();
            } else {
                listener.onRejected(LIMITED);
            }
        };
        return new BackendDecorator() {
            @Override
            public BackendGate gate() {
                return gate;
            }
        };
    }
}
