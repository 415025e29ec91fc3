package dev.tollgate.core.ratelimit;

import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.EndpointExtension;
import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.routing.PathTemplate;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * KrakenD's endpoint rate limit, {@code qos/ratelimit/router}: an endpoint-wide bucket (503 past it) and a bucket
 * per client (429 past it), kept in this gateway's memory as KrakenD keeps them in each instance's. Buckets that
 * are full again are swept every {@code cleanup_period}.
 */
public final class RouterRateLimitExtension implements EndpointExtension<RouterLimitConfig> {
    public static final String NAMESPACE = "qos/ratelimit/router";
    /** The clients one endpoint tracks at most at once (about 130 bytes each). */
    static final int MAX_CLIENTS = 1_000_000;

    private final LongSupplier nanoClock;
    private final int maxClients;
    private final List<Sweep> sweeps = new CopyOnWriteArrayList<>();
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    private record Sweep(ClientBuckets buckets, long periodNanos) {
    }

    public RouterRateLimitExtension() {
        this(System::nanoTime, MAX_CLIENTS);
    }

    /** With an injected clock and bound, for tests. */
    RouterRateLimitExtension(LongSupplier nanoClock, int maxClients) {
        this.nanoClock = nanoClock;
        this.maxClients = maxClients;
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public RouterLimitConfig parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        return RateLimitParser.router(value, path, problems);
    }

    @Override
    public EndpointGuard guard(EndpointConfig endpoint, RouterLimitConfig config) {
        if (config.limitsNothing()) {
            return null;
        }
        long now = nanoClock.getAsLong();
        TokenBucket shared = config.endpoint() == null ? null : new TokenBucket(config.endpoint(), now);
        ClientBuckets clients = null;
        ClientKeyReader keys = null;
        if (config.client() != null) {
            clients = new ClientBuckets(config.client(), maxClients);
            keys = new ClientKeyReader(config.clientKey(), paramIndex(endpoint, config.clientKey()));
            sweeps.add(new Sweep(clients, config.cleanupPeriod().toNanos()));
        }
        return new RouterRateLimitGuard(shared, clients, keys, nanoClock);
    }

    /** Where strategy "param" finds its key; a name the path lacks would refuse every request, so it fails here. */
    private static int paramIndex(EndpointConfig endpoint, ClientKey key) {
        if (key.strategy() != ClientKey.Strategy.PARAM) {
            return -1;
        }
        int index = PathTemplate.parse(endpoint.path()).paramNames().indexOf(key.key());
        if (index < 0) {
            throw new IllegalArgumentException("qos/ratelimit/router: strategy \"param\" names \"" + key.key()
                    + "\", which is not a parameter of " + endpoint.path() + " (every request would get 429)");
        }
        return index;
    }

    @Override
    public void start(EventLoopGroup eventLoops, Class<? extends SocketChannel> socketChannelType) {
        for (Sweep sweep : sweeps) {
            scheduled.add(eventLoops.next().scheduleAtFixedRate(() -> sweep.buckets().sweep(nanoClock.getAsLong()),
                    sweep.periodNanos(), sweep.periodNanos(), TimeUnit.NANOSECONDS));
        }
    }

    @Override
    public void close() {
        scheduled.forEach(f -> f.cancel(false));
    }
}
