package dev.tollgate.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import dev.tollgate.auth.client.ScriptedTokenServer;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import dev.tollgate.auth.client.TokenHttpClient;
import dev.tollgate.auth.token.RetryBackoff;
import dev.tollgate.auth.token.TokenClock;
import dev.tollgate.auth.token.TokenScheduler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jwk_url key set against a real key server on loopback (the scriptable identity-provider server of the token
 * tests), through the real HTTP client: first fetch, refresh, outage, garbage, rotation, single flight.
 */
class RemoteKeyProviderTest {
    private static final RSAKey A = TestKeys.rsa("key-a");
    private static final RSAKey B = TestKeys.rsa("key-b");

    private EventLoopGroup group;
    private ScriptedTokenServer server;
    private volatile Reply reply;
    private RemoteKeyProvider provider;

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        reply = Reply.json(200, TestKeys.jwks(A));
        server = new ScriptedTokenServer(group, r -> reply);
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private RemoteKeyProvider provider(Duration refresh, Duration cooldown) {
        provider = new RemoteKeyProvider(URI.create(server.url("/jwks")), refresh, cooldown, TokenClock.SYSTEM,
                new RetryBackoff(() -> 0.0));
        TokenHttpClient http = new TokenHttpClient(group, NioSocketChannel.class, null);
        JwksDownloader downloader = new JwksDownloader(http, URI.create(server.url("/jwks")),
                TimeUnit.MILLISECONDS.toNanos(500));
        provider.start(downloader::download, TokenScheduler.on(group.next()));
        return provider;
    }

    @Test
    void theFirstSetIsFetchedAtStartAndWaitersResumeOnTheirLoop() throws Exception {
        reply = new Reply(200, "application/json", TestKeys.jwks(A), 200);
        EventLoop loop = group.next();
        RemoteKeyProvider p = provider(Duration.ofMinutes(15), Duration.ofSeconds(10));
        assertNull(p.current());
        assertTrue(p.fetching());
        CountDownLatch resumed = new CountDownLatch(1);
        boolean[] onLoop = new boolean[1];
        p.afterFetch(loop, () -> {
            onLoop[0] = loop.inEventLoop();
            resumed.countDown();
        });
        assertTrue(resumed.await(5, TimeUnit.SECONDS));
        assertTrue(onLoop[0]);
        assertEquals(1, p.current().size());
        assertEquals("GET", server.take().method());
        assertEquals(1, server.count.get());
    }

    @Test
    void theLastGoodSetSurvivesAnOutageGarbageAndErrorPages() throws Exception {
        RemoteKeyProvider p = provider(Duration.ofMillis(100), Duration.ofSeconds(10));
        waitFor(() -> p.current() != null);
        KeySet good = p.current();
        int before = server.count.get();
        reply = Reply.json(500, "{\"keys\": []}");
        waitFor(() -> server.count.get() > before);
        reply = new Reply(200, "application/json", "<html>not json</html>", 0);
        waitFor(() -> server.count.get() > before + 1);
        reply = new Reply(200, "text/html", TestKeys.jwks(B), 0);
        waitFor(() -> server.count.get() > before + 2);
        assertSame(good, p.current(), "the last good set stays in use");
        assertNull(p.unavailableReason());
        assertTrue(p.toString().contains("/jwks"));
    }

    @Test
    void aSetThatNeverLoadedSaysWhy() throws Exception {
        reply = new Reply(200, "application/json", "garbage", 0);
        RemoteKeyProvider p = provider(Duration.ofMinutes(15), Duration.ofSeconds(10));
        waitFor(() -> !p.fetching());
        assertNull(p.current());
        String why = p.unavailableReason();
        assertTrue(why.startsWith("Get \"" + server.url("/jwks") + "\": not a usable JWK set"), why);
    }

    @Test
    void anUnknownKeyRefetchesOnceThenWaitsOutTheCooldown() throws Exception {
        RemoteKeyProvider p = provider(Duration.ofMinutes(15), Duration.ofSeconds(30));
        waitFor(() -> p.current() != null && !p.fetching());
        KeySet first = p.current();
        reply = Reply.json(200, TestKeys.jwks(A, B)); // the provider rotates in a new key

        // Many requests with the new kid at once: one fetch.
        int started = 0;
        for (int i = 0; i < 50; i++) {
            if (p.refetchForUnknownKey()) {
                started++;
            }
        }
        assertTrue(started >= 1);
        CountDownLatch done = new CountDownLatch(1);
        p.afterFetch(group.next(), done::countDown);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertNotSame(first, p.current());
        assertEquals(2, p.current().size());
        assertEquals(2, server.count.get(), "start + one refetch");

        // Forged kids right after: no fetch until the cool-down is over.
        for (int i = 0; i < 100; i++) {
            assertFalse(p.refetchForUnknownKey());
        }
        Thread.sleep(100);
        assertEquals(2, server.count.get());
    }

    @Test
    void anUnchangedDocumentKeepsTheSetSoCachedTokensStayValid() throws Exception {
        RemoteKeyProvider p = provider(Duration.ofMillis(50), Duration.ofSeconds(10));
        waitFor(() -> p.current() != null);
        KeySet first = p.current();
        waitFor(() -> server.count.get() >= 3);
        assertSame(first, p.current());
    }

    @Test
    void aDeadKeyServerIsReported() throws Exception {
        server.close();
        RemoteKeyProvider p = provider(Duration.ofMinutes(15), Duration.ofSeconds(10));
        waitFor(() -> !p.fetching());
        assertNotNull(p.unavailableReason());
        assertTrue(p.unavailableReason().startsWith("Get \""), p.unavailableReason());
        server = new ScriptedTokenServer(group, r -> reply); // for stop()
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10s");
            }
            Thread.sleep(10);
        }
    }
}
