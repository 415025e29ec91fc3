package dev.tollgate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.client.ScriptedTokenServer;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import dev.tollgate.auth.token.TokenHolderStats;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.log.Log;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsExtensionTest {
    private static final String SECRET = "TOPSECRET-value";

    private MultiThreadIoEventLoopGroup group;
    private ScriptedTokenServer server;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new ScriptedTokenServer(group, r -> Reply.token("the-token-" + r.hashCode(), 3600));
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        Log.setOutput(System.err);
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private ClientCredentialsConfig config(String clientId, String extra) throws Exception {
        ConfigProblems problems = new ConfigProblems();
        ClientCredentialsConfig c = ClientCredentialsConfigTest.parse("{\"client_id\": \"" + clientId
                + "\", \"client_secret\": \"" + SECRET + "\", \"token_url\": \"" + server.url("/token")
                + "\", \"scopes\": \"read, write\"" + extra + "}", problems);
        assertEquals(List.of(), problems.errors());
        return c;
    }

    @Test
    void backendsWithOneCredentialSetShareOneHolderAndFetchOnceEagerly() throws Exception {
        ClientCredentialsExtension ext = new ClientCredentialsExtension();
        List<BackendDecorator> decorators = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            decorators.add(ext.decorate(null, null, config("shared", "")));
        }
        decorators.add(ext.decorate(null, null, config("other", "")));
        assertNull(ext.decorate(null, null, config("disabled", ", \"is_disabled\": true")));
        assertEquals(2, ext.holderCount(), "one holder per credential set; each backend has its own gate over it");

        ext.start(group, NioSocketChannel.class);
        try {
            // Eager: both holders fetch without any request.
            server.take();
            server.take();
            EventLoop loop = group.next();
            for (BackendDecorator d : List.of(decorators.get(0), decorators.get(50))) {
                CompletableFuture<Boolean> ready = new CompletableFuture<>();
                d.gate().await(loop, listener(ready));
                assertTrue(ready.get(20, TimeUnit.SECONDS));
            }
            assertEquals(2, server.count.get(), "one token request per credential set");

            EmbeddedChannel channel = new EmbeddedChannel();
            decorators.get(7).initChannel(channel.pipeline());
            channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x"));
            FullHttpRequest sent = channel.readOutbound();
            assertTrue(sent.headers().get("Authorization").startsWith("Bearer the-token-"));
            sent.release();

            TokenHolderStats stats = ext.stats().get(0);
            assertEquals(1, stats.fetchesOk());
            assertEquals(1, stats.stamped());
            assertTrue(stats.hasToken());
            assertTrue(stats.remainingNanos() > TimeUnit.SECONDS.toNanos(3500));
            assertFalse(stats.toString().contains(SECRET));
        } finally {
            ext.close();
        }
        String log = flushedText(logged);
        assertTrue(log.contains("token_url " + server.url("/token") + ", client_id shared, scopes read write"), log);
        assertTrue(log.contains("shared by 50 backend(s)"), log);
        assertFalse(log.contains(SECRET), log);
        assertFalse(log.contains("the-token-"), "tokens are never logged: " + log);
    }

    @Test
    void thousandConcurrentFirstRequestsMakeOneTokenRequestOverTheNetwork() throws Exception {
        server.script(r -> new Reply(200, "application/json",
                "{\"access_token\":\"slow-token\",\"expires_in\":3600}", 500));
        ClientCredentialsExtension ext = new ClientCredentialsExtension();
        BackendDecorator d = ext.decorate(null, null, config("busy", ""));
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1000);
        java.util.concurrent.atomic.AtomicInteger rejected = new java.util.concurrent.atomic.AtomicInteger();
        ext.start(group, NioSocketChannel.class);
        try {
            for (int i = 0; i < 1000; i++) {
                EventLoop loop = group.next();
                loop.execute(() -> d.gate().await(loop, new BackendGate.Listener() {
                    @Override
                    public void onReady() {
                        released.countDown();
                    }

                    @Override
                    public void onRejected(GateRejection rejection) {
                        rejected.incrementAndGet();
                        released.countDown();
                    }
                }));
            }
            assertTrue(released.await(30, TimeUnit.SECONDS));
            assertEquals(0, rejected.get());
            assertEquals(1, server.count.get(), "exactly one token request");
        } finally {
            ext.close();
        }
    }

    @Test
    void failingProviderRejectsFastWithKrakenDsMessageAndRecovers() throws Exception {
        server.script(r -> Reply.json(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials\"}"));
        ClientCredentialsExtension ext = new ClientCredentialsExtension();
        BackendDecorator d = ext.decorate(null, null, config("bad", ", \"auth_style\": \"params\""));
        ext.start(group, NioSocketChannel.class);
        try {
            EventLoop loop = group.next();
            CompletableFuture<Object> answer = new CompletableFuture<>();
            d.gate().await(loop, new BackendGate.Listener() {
                @Override
                public void onReady() {
                    answer.complete("ready");
                }

                @Override
                public void onRejected(GateRejection rejection) {
                    answer.complete(rejection);
                }
            });
            GateRejection rejection = (GateRejection) answer.get(20, TimeUnit.SECONDS);
            assertEquals(500, rejection.status());
            assertEquals("Post \"" + server.url("/token") + "\": oauth2: \"invalid_client\" \"Bad client credentials\"",
                    rejection.logMessage());

            server.script(r -> Reply.token("healed", 3600));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            while (!ready.isDone() && System.nanoTime() < deadline) {
                CompletableFuture<Boolean> attempt = new CompletableFuture<>();
                d.gate().await(loop, listener(attempt));
                if (attempt.get(20, TimeUnit.SECONDS)) {
                    ready.complete(true);
                } else {
                    Thread.sleep(200); // polling a recovery that happens on the retry timer (<= 5s)
                }
            }
            assertTrue(ready.isDone(), "recovers without restart once the IdP heals");
        } finally {
            ext.close();
        }
        assertFalse(flushedText(logged).contains(SECRET));
    }

    private static BackendGate.Listener listener(CompletableFuture<Boolean> ready) {
        return new BackendGate.Listener() {
            @Override
            public void onReady() {
                ready.complete(true);
            }

            @Override
            public void onRejected(GateRejection rejection) {
                ready.complete(false);
            }
        };
    }

    /** The log is written asynchronously: wait for what was logged so far. */
    private static String flushedText(java.io.ByteArrayOutputStream captured) {
        Log.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }
}
