package dev.tollgate.auth.cache;

import static java.util.Objects.requireNonNull;

import dev.tollgate.core.log.Log;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's one link to the token cache's Redis: a command connection and a pub/sub connection (Lettuce), the
 * up/down state and the way back.
 *
 * <p>Lettuce runs on its own small Netty groups (two I/O threads and two for timers and callbacks, Lettuce's
 * minimum), not on the gateway's event loops: Lettuce's client resources own and shut down their groups, a
 * stalled Redis must never be able to touch a loop that serves requests, and the traffic (a few commands per
 * token lifetime) needs no more.
 *
 * <p>Every command has a timeout ({@link #COMMAND_TIMEOUT}). The first failure marks Redis down: both connections
 * are closed, one WARN line says that each instance now fetches its own tokens, and a probe reconnects every
 * {@link #PROBE_INTERVAL} until Redis answers (one INFO line). While down, callers are told at once
 * ({@link #isUp()}), so no token fetch waits for a dead Redis. Lettuce's own reconnect is off: this class decides.
 */
final class RedisLink implements AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    private static final Log log = Log.get("auth");
    /**
     * Lettuce logs through java.util.logging here, outside Tollgate's log format, and per connection or command
     * ("Connection is already closed", a transport notice at every client): Tollgate logs Redis's state itself,
     * once per outage, so only Lettuce's SEVERE lines pass. Held here because JUL keeps loggers weakly.
     */
    private static final java.util.logging.Logger LETTUCE_LOG =
            quiet(java.util.logging.Logger.getLogger("io.lettuce"));
    /** Deletes the lock only if it still holds our owner value: a lock that expired and was taken is not ours. */
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('del', KEYS[1]) else return 0 end";

    /** Redis is down (or was never reached): the caller falls back to its own fetch. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final String display;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final byte[] channel;
    /** Waiters for an id's next announcement, completed by the pub/sub listener or their timeout. */
    private final ConcurrentHashMap<String, Set<CompletableFuture<Void>>> announced = new ConcurrentHashMap<>();
    private final AtomicBoolean connecting = new AtomicBoolean();
    /** Completes when the first connection attempt has ended, either way. */
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
    private final LongAdder outages = new LongAdder();
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> pubsub;
    private volatile boolean closed;
    /** Guarded by this: whether Redis ever answered, and whether the current down state was logged. */
    private boolean everUp;
    private boolean downLogged;

    RedisLink(TokenCacheConfig config) {
        requireNonNull(config, "config");
        this.display = config.displayUrl();
        this.channel = CacheKeys.channel(config.keyPrefix());
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
        RedisURI.Builder b = RedisURI.Builder.redis(config.host(), config.port()).withDatabase(config.database())
                .withSsl(config.tls()).withTimeout(COMMAND_TIMEOUT);
        if (config.password() != null) {
            if (config.username() != null) {
                b.withAuthentication(config.username(), config.password());
            } else {
                b.withPassword((CharSequence) config.password());
            }
        }
        this.uri = b.build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .protocolVersion(ProtocolVersion.RESP2) // plain AUTH/SELECT: any Redis or Valkey since 2.x
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
    }

    /** Connects in the background; until it succeeds, {@link #isUp()} is false. Never blocks. */
    void start() {
        connect();
    }

    /**
     * Completes once the first connection attempt has ended (within about two command timeouts): the holders'
     * first fetches wait for it, so a fleet starting together shares its first token too.
     */
    CompletableFuture<Void> ready() {
        return firstAttempt;
    }

    /** Whether commands can be sent now; false means "fetch on your own". */
    boolean isUp() {
        return connection != null && !closed;
    }

    long outages() {
        return outages.sum();
    }

    String display() {
        return display;
    }

    /** Lettuce's timer thread, for the short waits of the single flight. */
    EventExecutor timers() {
        return resources.eventExecutorGroup().next();
    }

    CompletableFuture<byte[]> get(byte[] key) {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        return c == null ? down() : guard(() -> c.async().get(key));
    }

    /** {@code SET key value NX PX ttl}: true when this caller now holds the key. */
    CompletableFuture<Boolean> setIfAbsent(byte[] key, byte[] value, long ttlMillis) {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        return c == null ? down() : guard(() -> c.async().set(key, value, SetArgs.Builder.nx().px(ttlMillis)))
                .thenApply("OK"::equals);
    }

    /** {@code SET key value PX ttl}: nothing Tollgate stores lives forever. */
    CompletableFuture<Void> set(byte[] key, byte[] value, long ttlMillis) {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        return c == null ? down() : guard(() -> c.async().set(key, value,
                SetArgs.Builder.px(Math.max(1, ttlMillis))))
                .thenApply(ok -> null);
    }

    /** Compare-and-delete: the lock goes only if {@code owner} still holds it. */
    CompletableFuture<Boolean> release(byte[] key, byte[] owner) {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        return c == null ? down() : guard(() -> c.async().<Long>eval(RELEASE,
                ScriptOutputType.INTEGER, new byte[][] {key}, owner)).thenApply(n -> n != null && n == 1L);
    }

    CompletableFuture<Void> announce(String id) {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        return c == null ? down() : guard(() -> c.async().publish(channel,
                id.getBytes(StandardCharsets.US_ASCII)))
                .thenApply(n -> null);
    }

    /** Completes at {@code id}'s next announcement or after {@code timeoutMillis}, whichever comes first. */
    CompletableFuture<Void> nextAnnouncement(String id, long timeoutMillis) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Set<CompletableFuture<Void>> set = announced.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
        set.add(f);
        var timer = timers().schedule(() -> f.complete(null), timeoutMillis, TimeUnit.MILLISECONDS);
        f.whenComplete((v, e) -> {
            set.remove(f);
            timer.cancel(false);
        });
        return f;
    }

    private void connect() {
        if (closed || !connecting.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> command =
                client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
        command.thenCompose(c -> client.connectPubSubAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture()
                        .thenCompose(ps -> {
                            ps.addListener(new Listener());
                            return ps.async().subscribe(channel).toCompletableFuture()
                                    .orTimeout(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                                    .whenComplete((v, e) -> {
                                        if (e != null) {
                                            ps.closeAsync();
                                        }
                                    })
                                    .thenApply(v -> ps);
                        })
                        .whenComplete((ps, e) -> {
                            if (e != null) {
                                c.closeAsync();
                            }
                        })
                        .thenAccept(ps -> up(c, ps)))
                .whenComplete((v, e) -> {
                    connecting.set(false);
                    if (e != null) {
                        failed(e);
                    }
                    firstAttempt.complete(null);
                });
    }

    private void up(StatefulRedisConnection<byte[], byte[]> c, StatefulRedisPubSubConnection<byte[], byte[]> ps) {
        boolean resumed;
        synchronized (this) {
            if (closed) {
                c.closeAsync();
                ps.closeAsync();
                return;
            }
            resumed = everUp;
            everUp = true;
            downLogged = false;
            pubsub = ps;
            connection = c;
        }
        log.info("tollgate/token-cache: Redis " + display + (resumed ? " answers again: token sharing resumed"
                : " reached: instances share their tokens"));
    }

    /**
     * A command or a connection attempt failed: Redis is down (or slow, which is the same here). Logged once per
     * outage, never per command; then probed until it answers.
     */
    private void failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean logIt;
        synchronized (this) {
            StatefulRedisConnection<byte[], byte[]> c = connection;
            StatefulRedisPubSubConnection<byte[], byte[]> ps = pubsub;
            connection = null;
            pubsub = null;
            if (c != null) {
                c.closeAsync();
                outages.increment();
            }
            if (ps != null) {
                ps.closeAsync();
            }
            logIt = !downLogged && !closed;
            downLogged = true;
        }
        if (logIt) {
            log.warn("tollgate/token-cache: Redis " + display + " does not answer (" + cause.getClass().getSimpleName()
                    + "): each instance fetches its own tokens until it answers again");
        }
        if (!closed) {
            timers().schedule(this::connect, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Bounds every command (Lettuce's timeout is the first line, this the guarantee) and notes failures. */
    private <T> CompletableFuture<T> guard(java.util.function.Supplier<? extends CompletionStage<T>> send) {
        CompletionStage<T> command;
        try {
            command = send.get();
        } catch (RuntimeException e) { // a connection closing under us: a failure like any other
            command = CompletableFuture.failedFuture(e);
        }
        return command.toCompletableFuture()
                .orTimeout(COMMAND_TIMEOUT.toMillis() + 100, TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> {
                    if (e != null) {
                        failed(e);
                    }
                });
    }

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private static <T> CompletableFuture<T> down() {
        return CompletableFuture.failedFuture(new Unavailable("Redis is down"));
    }

    @Override
    public void close() {
        firstAttempt.complete(null);
        synchronized (this) {
            closed = true;
            if (connection != null) {
                connection.closeAsync();
            }
            if (pubsub != null) {
                pubsub.closeAsync();
            }
            connection = null;
            pubsub = null;
        }
        client.shutdownAsync(0, 1, TimeUnit.SECONDS).whenComplete((v, e) -> resources.shutdown(0, 1,
                TimeUnit.SECONDS));
    }

    private final class Listener extends RedisPubSubAdapter<byte[], byte[]> {
        @Override
        public void message(byte[] from, byte[] message) {
            Set<CompletableFuture<Void>> waiting = announced.get(new String(message, StandardCharsets.US_ASCII));
            if (waiting != null) {
                for (CompletableFuture<Void> f : waiting.toArray(new CompletableFuture[0])) {
                    f.complete(null);
                }
            }
        }
    }
}
