package dev.tollgate.auth.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.ClientCredentialsConfig;
import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.client.ScriptedTokenServer;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import dev.tollgate.auth.token.AccessToken;
import dev.tollgate.auth.token.TokenHolder;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.ExtensionConfigs;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonTreeReader;
import dev.tollgate.core.log.Log;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared token cache between instances in one JVM (each a {@link ClientCredentialsExtension} of its own, as
 * each gateway has), against a real redis-server: sharing, what Redis holds, and every way a stored token or Redis
 * itself can fail.
 */
class TokenCacheTest {
    private static final String SECRET = "TOPSECRET-cache-value";

    @TempDir
    Path dir;
    private MultiThreadIoEventLoopGroup group;
    private ScriptedTokenServer idp;
    private RedisServer redis;
    private final List<ClientCredentialsExtension> instances = new ArrayList<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        RedisServer.assumeInstalled();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        idp = new ScriptedTokenServer(group, r -> Reply.token("tok-" + idpCount(), 3600));
        redis = new RedisServer();
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    private int idpCount() {
        return idp.count.get();
    }

    @AfterEach
    void tearDown() throws Exception {
        Log.setOutput(System.err);
        instances.forEach(ClientCredentialsExtension::close);
        if (redis != null) {
            redis.close();
        }
        if (idp != null) {
            idp.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private ClientCredentialsConfig credentials() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        ClientCredentialsConfig c = new ClientCredentialsExtension().parse(JsonTreeReader.read(
                "{\"client_id\": \"cache-client\", \"client_secret\": \"" + SECRET + "\", \"token_url\": \""
                        + idp.url("/token") + "\", \"scopes\": \"read\"}"), JsonPath.ROOT, problems);
        assertEquals(List.of(), problems.errors());
        return c;
    }

    private String keyFile(int seed) throws Exception {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        Path p = dir.resolve("key-" + seed);
        Files.writeString(p, Base64.getEncoder().encodeToString(key) + "\n");
        return p.toString();
    }

    /** One more instance: its holder, started with {@code tollgate/token-cache} = {@code block}. */
    private TokenHolder instance(String block) throws Exception {
        ClientCredentialsConfig config = credentials();
        ClientCredentialsExtension ext = new ClientCredentialsExtension();
        assertNotNull(ext.decorate(null, null, config));
        ConfigProblems problems = new ConfigProblems();
        TokenCacheConfig cache = TokenCacheNamespace.INSTANCE.parse(JsonTreeReader.read(block), JsonPath.ROOT,
                problems);
        assertEquals(List.of(), problems.errors());
        ext.start(new ExtensionConfigs(Map.of(TokenCacheNamespace.NAMESPACE, cache)), group, NioSocketChannel.class);
        instances.add(ext);
        TokenHolder holder = ext.holder(config.credentialSet());
        await(() -> holder.current() != null, "a token");
        return holder;
    }

    private String block() {
        return "{\"redis_url\": \"" + redis.url() + "\"}";
    }

    private TokenCacheStats stats(int instance) {
        return instances.get(instance).tokenCacheStats().get(0);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static String text(AccessToken token) {
        return token.authorization().toString();
    }

    @Test
    void aSecondInstanceAdoptsTheStoredTokenAndRedisHoldsNothingReadable() throws Exception {
        redis.start();
        TokenHolder a = instance(block());
        TokenHolder b = instance(block());
        assertEquals("Bearer tok-1", text(a.current()));
        assertEquals("Bearer tok-1", text(b.current()), "adopted, not fetched");
        assertEquals(1, idp.count.get());
        assertEquals(1, stats(0).fetched());
        assertEquals(1, stats(1).adopted());

        Map<String, byte[]> stored = redis.dump();
        assertEquals(1, stored.size(), "one sealed token; the lock was released: " + stored.keySet());
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            assertTrue(e.getKey().matches("tollgate:token:[0-9a-f]{64}"), e.getKey());
            String value = new String(e.getValue(), StandardCharsets.ISO_8859_1);
            for (String clear : List.of("tok-1", SECRET, "cache-client", "Bearer")) {
                assertFalse(value.contains(clear) || e.getKey().contains(clear), clear + " readable in Redis");
            }
        }
    }

    @Test
    void aWrongEncryptionKeyMeansAFreshFetchNeverAGarbledToken() throws Exception {
        redis.start();
        TokenHolder a = instance("{\"redis_url\": \"" + redis.url() + "\", \"encryption_key_file\": \"" + keyFile(1)
                + "\"}");
        TokenHolder b = instance("{\"redis_url\": \"" + redis.url() + "\", \"encryption_key_file\": \"" + keyFile(2)
                + "\"}");
        assertEquals("Bearer tok-1", text(a.current()));
        assertEquals("Bearer tok-2", text(b.current()), "its own fresh token");
        assertEquals(2, idp.count.get());
        assertEquals(1, stats(1).unreadable());
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("sealed with another key"), logged.toString());
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains(SECRET));
    }

    @Test
    void aGarbledValueMeansAFreshFetch() throws Exception {
        redis.start();
        instance(block());
        String key = redis.dump().keySet().iterator().next();
        redis.set(key, "garbage that is no sealed token".getBytes(StandardCharsets.US_ASCII), 0);
        TokenHolder b = instance(block());
        assertEquals("Bearer tok-2", text(b.current()));
        assertEquals(1, stats(1).unreadable());
        assertEquals(1, stats(1).fetched());
    }

    @Test
    void aDeadOwnersLockExpiresAndAWaiterTakesOver() throws Exception {
        redis.start();
        instance(block());
        String id = redis.dump().keySet().iterator().next().substring("tollgate:token:".length());
        redis.flush();
        redis.set("tollgate:lock:" + id, "owner-that-died".getBytes(StandardCharsets.US_ASCII), 800);
        TokenHolder b = instance(block());
        assertEquals("Bearer tok-2", text(b.current()), "fetched once the dead owner's lock expired");
        assertEquals(1, stats(1).waited());
        assertEquals(1, stats(1).fetched());
        assertEquals(0, stats(1).localFallbacks(), "taken over through Redis, not by giving up on it");
    }

    @Test
    void redisDownAtStartMeansALocalFetchAtOnceAndSharingOnceItAnswers() throws Exception {
        TokenHolder a = instance(block()); // nothing listens on the port yet
        assertEquals("Bearer tok-1", text(a.current()));
        assertEquals(1, stats(0).localFallbacks());
        assertFalse(stats(0).redisUp());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.split("does not answer", -1).length - 1, "one line per outage: " + log);

        redis.start();
        await(() -> stats(0).redisUp(), "the probe to reach Redis");
        TokenHolder b = instance(block());
        assertEquals("Bearer tok-2", text(b.current()), "the first instance fetched before Redis was there");
        TokenHolder c = instance(block());
        assertEquals("Bearer tok-2", text(c.current()), "shared from now on");
        assertEquals(2, idp.count.get());
    }

    @Test
    void aFrozenRedisTimesOutAndTheInstanceFetchesOnItsOwn() throws Exception {
        redis.start();
        instance(block());
        redis.freeze(true);
        long started = System.nanoTime();
        TokenHolder b = instance(block());
        assertEquals("Bearer tok-2", text(b.current()));
        assertEquals(1, stats(1).localFallbacks());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "bounded by the command timeouts");
        redis.freeze(false);
    }
}
