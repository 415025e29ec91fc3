package dev.tollgate.auth.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.client.ScriptedTokenServer;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.GatewayConfig;
import dev.tollgate.core.extension.Extension;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.log.Log;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proof, scaled down four times to stay short: three gateways on loopback behind one counting token
 * endpoint and one real redis-server, under steady load. Tokens live 3s and are refreshed 2.5s before expiry, so
 * every holder refreshes every 0.5s: alone, the three would fetch 6 tokens a second; sharing, the fleet fetches
 * about 2. Then Redis is killed (every instance fetches for itself, no request fails) and restarted on the same
 * port (sharing resumes).
 */
class TokenCacheFleetTest {
    private static final int INSTANCES = 3;
    private static final long REFRESH_EVERY_MILLIS = 500; // 3s tokens, 2.5s margin
    private static final String SECRET = "fleet-secret-value";

    private MultiThreadIoEventLoopGroup group;
    private ScriptedTokenServer idp;
    private ScriptedTokenServer origin;
    private RedisServer redis;
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<ClientCredentialsExtension> extensions = new ArrayList<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final List<Thread> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        RedisServer.assumeInstalled();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        idp = new ScriptedTokenServer(group, r -> Reply.token("tok-" + idp.count.get(), 3));
        // The origin takes only tokens the identity provider issued: a garbled one would be a 401.
        origin = new ScriptedTokenServer(group, r -> {
            String auth = r.headers().get("Authorization");
            boolean issued = auth != null && auth.startsWith("Bearer tok-")
                    && Integer.parseInt(auth.substring("Bearer tok-".length())) <= idp.count.get();
            return issued ? Reply.json(200, "{\"ok\":true}") : Reply.json(401, "{}");
        });
        redis = new RedisServer();
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() throws Exception {
        loading.set(false);
        for (Thread t : clients) {
            t.join(5_000);
        }
        Log.setOutput(System.err);
        gateways.forEach(g -> g.shutdown(Duration.ofMillis(200)));
        if (redis != null) {
            redis.close();
        }
        if (idp != null) {
            idp.close();
            origin.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private String config() {
        return """
                {"version": 3, "port": 0, "timeout": "5s",
                 "extra_config": {"tollgate/token-cache": {"redis_url": "%s", "key_prefix": "fleet"}},
                 "endpoints": [{
                   "endpoint": "/api", "output_encoding": "no-op",
                   "backend": [{
                     "host": ["%s"], "url_pattern": "/data",
                     "extra_config": {"auth/client-credentials": {
                       "client_id": "fleet-client", "client_secret": "%s", "token_url": "%s",
                       "refresh_margin": "2500ms"}}
                   }]
                 }]}
                """.formatted(redis.url(), origin.url(""), SECRET, idp.url("/token"));
    }

    private void startGateway() throws Exception {
        ClientCredentialsExtension ext = new ClientCredentialsExtension();
        List<Extension<?>> list = List.of(ext, TokenCacheNamespace.INSTANCE);
        GatewayConfig config = new ConfigLoader(list).parse(config(), "fleet.json").config();
        gateways.add(Gateway.start(config, list));
        extensions.add(ext);
    }

    /** One client per gateway, each sending one request after the other for the whole run. */
    private void startLoad() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (Gateway g : gateways) {
            Thread t = new Thread(() -> {
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/api"))
                        .timeout(Duration.ofSeconds(10)).build();
                while (loading.get()) {
                    try {
                        int status = http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
                        (status == 200 ? served : failed).incrementAndGet();
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }, "fleet-client-" + g.port());
            t.setDaemon(true);
            t.start();
            clients.add(t);
        }
    }

    private TokenCacheStats stats(int instance) {
        return extensions.get(instance).tokenCacheStats().get(0);
    }

    private long sum(java.util.function.ToLongFunction<TokenCacheStats> counter) {
        long total = 0;
        for (int i = 0; i < INSTANCES; i++) {
            total += counter.applyAsLong(stats(i));
        }
        return total;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private void assertNothingReadableInRedis() {
        Map<String, byte[]> stored = redis.dump();
        assertFalse(stored.isEmpty());
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            assertTrue(e.getKey().matches("fleet:(token|lock):[0-9a-f]{64}"), e.getKey());
            String value = e.getValue() == null ? "" : new String(e.getValue(), StandardCharsets.ISO_8859_1);
            for (String clear : List.of("tok-", SECRET, "fleet-client")) {
                assertFalse(value.contains(clear) || e.getKey().contains(clear), clear + " readable in " + e.getKey());
            }
        }
    }

    @Test
    void theFleetFetchesOncePerRefreshFallsBackWhenRedisDiesAndSharesAgainWhenItIsBack() throws Exception {
        redis.start();
        for (int i = 0; i < INSTANCES; i++) {
            startGateway();
        }
        await(() -> sum(s -> s.adopted() + s.fetched()) >= INSTANCES, "every instance's first token");
        startLoad();

        // Shared: one fetch per refresh point for the whole fleet.
        int before = idp.count.get();
        Thread.sleep(4_000);
        int shared = idp.count.get() - before;
        assertNothingReadableInRedis();
        long expected = 4_000 / REFRESH_EVERY_MILLIS;
        for (int i = 0; i < INSTANCES; i++) {
            assertTrue(stats(i).adopted() > 0, "instance " + i + " adopts the others' tokens: " + stats(i));
        }
        assertTrue(shared <= expected * 3 / 2 + 2, shared + " fetches in 4s for the fleet; one refresh every "
                + REFRESH_EVERY_MILLIS + "ms would be " + expected + ", " + INSTANCES * expected + " without sharing");

        // Redis killed: each instance fetches for itself, no request fails, one log line per instance.
        long fallbacksBefore = sum(TokenCacheStats::localFallbacks);
        redis.kill();
        before = idp.count.get();
        Thread.sleep(3_000);
        int alone = idp.count.get() - before;
        for (int i = 0; i < INSTANCES; i++) {
            assertFalse(stats(i).redisUp());
            assertTrue(stats(i).localFallbacks() >= 2, "instance " + i + " fetches alone: " + stats(i));
        }
        long fallbacks = sum(TokenCacheStats::localFallbacks) - fallbacksBefore;

        // Redis back on the same port (empty): sharing resumes within a token lifetime.
        redis.start();
        await(() -> stats(0).redisUp() && stats(1).redisUp() && stats(2).redisUp(), "every instance to reconnect");
        Thread.sleep(3_000); // one token lifetime: the instances' refresh points line up again
        long adoptedBefore = sum(TokenCacheStats::adopted);
        before = idp.count.get();
        Thread.sleep(3_000);
        int resumed = idp.count.get() - before;
        long adoptedAfterResume = sum(TokenCacheStats::adopted) - adoptedBefore;
        loading.set(false);
        for (Thread t : clients) {
            t.join(10_000);
        }
        assertNothingReadableInRedis();

        String log = logged.toString(StandardCharsets.UTF_8);
        System.out.println("token-cache fleet: " + INSTANCES + " instances, 3s tokens, 2.5s margin; fetches: "
                + shared + " in 4s shared (expected ~" + expected + "), " + alone + " in 3s with Redis down ("
                + fallbacks + " local fallbacks), " + resumed + " in 3s after Redis came back (" + adoptedAfterResume
                + " adoptions); requests served " + served.get() + ", failed " + failed.get());
        assertEquals(0, failed.get(), "no request fails because of Redis");
        assertTrue(served.get() > 100, "the fleet was under load: " + served.get());
        assertTrue(alone > shared * 3 / 4 * 3 / 2, "alone the fleet fetches about " + INSTANCES + " times as often: "
                + alone + " in 3s vs " + shared + " in 4s");
        assertTrue(resumed <= 3_000 / REFRESH_EVERY_MILLIS * 3 / 2 + 2, resumed + " fetches in 3s after Redis came"
                + " back: sharing resumed");
        assertTrue(adoptedAfterResume > 0, "instances adopt each other's tokens again");
        assertEquals(INSTANCES, log.split("does not answer", -1).length - 1, "one outage line per instance: " + log);
        assertEquals(INSTANCES, log.split("answers again: token sharing resumed", -1).length - 1, log);
        assertFalse(log.contains(SECRET) || log.contains("tok-"), "no secret or token in the log");
    }
}
