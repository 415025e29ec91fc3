package dev.tollgate.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tollgate.auth.client.ScriptedTokenServer;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.InputFilter;
import dev.tollgate.core.config.json.JsonTreeReader;
import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.extension.GuardVerdict;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An https jwk_url through the extension's own TLS setup: a private CA from jwk_local_ca, and jwk_fingerprints
 * pinning the server's public key. A key server the gateway cannot trust leaves every token at 401.
 */
class JwksOverHttpsTest {
    private static final String[] NO_PARAMS = new String[0];
    private static final RSAKey KEY = TestKeys.rsa("k1");
    private static SelfSignedCertificate cert;
    private EventLoopGroup group;
    private ScriptedTokenServer server;
    private JwtValidatorExtension extension;

    @BeforeAll
    static void makeCertificate() throws Exception {
        cert = new SelfSignedCertificate("localhost");
    }

    @AfterAll
    static void deleteCertificate() {
        cert.delete();
    }

    @BeforeEach
    void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ScriptedTokenServer(group, SslContextBuilder.forServer(cert.certificate(), cert.privateKey())
                .sslProvider(SslProvider.JDK).build(), r -> Reply.json(200, TestKeys.jwks(KEY)));
    }

    @AfterEach
    void stop() {
        if (extension != null) {
            extension.close();
        }
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aPrivateCaFromJwkLocalCaIsTrusted() throws Exception {
        assertEquals(200, verdict(", \"jwk_local_ca\": \"" + cert.certificate() + "\""));
    }

    @Test
    void withoutTheCaTheKeyServerIsNotTrusted() throws Exception {
        assertEquals(401, verdict(""));
    }

    @Test
    void theRightPinPassesAndAWrongOneIsRefused() throws Exception {
        byte[] spki = MessageDigest.getInstance("SHA-256").digest(cert.cert().getPublicKey().getEncoded());
        String pin = Base64.getUrlEncoder().encodeToString(spki);
        String ca = ", \"jwk_local_ca\": \"" + cert.certificate() + "\"";
        assertEquals(200, verdict(ca + ", \"jwk_fingerprints\": [\"" + pin + "\"]"));
        stop();
        start();
        String wrong = Base64.getUrlEncoder().encodeToString(new byte[32]);
        assertEquals(401, verdict(ca + ", \"jwk_fingerprints\": [\"" + wrong + "\"]"));
    }

    /** The status a valid token gets once the first key set fetch has answered. */
    private int verdict(String extra) throws Exception {
        ConfigProblems problems = new ConfigProblems();
        JwtValidatorConfig config = JwtValidatorConfigParser.parse(JsonTreeReader.read("{\"alg\": \"RS256\", "
                + "\"jwk_url\": \"https://localhost:" + server.port() + "/jwks\"" + extra + "}"),
                JwtValidatorConfigTest.PATH, problems);
        assertEquals(List.of(), problems.errors());
        extension = new JwtValidatorExtension();
        extension.start(group, NioSocketChannel.class);
        EndpointGuard guard = extension.guard(new EndpointConfig("/p", "GET", Duration.ofSeconds(3), "no-op",
                InputFilter.NONE, InputFilter.NONE, List.of(), 0), config);
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/p");
        request.headers().set("Authorization", "Bearer " + TestKeys.sign(KEY, JWSAlgorithm.RS256,
                TestKeys.claims("exp", TestKeys.nowSeconds() + 60)));
        EventLoop loop = group.next();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        loop.execute(() -> {
            GuardVerdict v = guard.check(request, "127.0.0.1", NO_PARAMS);
            if (v != GuardVerdict.PENDING) {
                status.complete(v == GuardVerdict.PASS ? 200 : v.rejection().status());
                return;
            }
            guard.await(request, "127.0.0.1", NO_PARAMS, loop, new EndpointGuard.Listener() {
                @Override
                public void onPass() {
                    assertTrue(loop.inEventLoop());
                    status.complete(200);
                }

                @Override
                public void onRejected(GateRejection rejection) {
                    status.complete(rejection.status());
                }
            });
        });
        return status.get(15, TimeUnit.SECONDS);
    }
}
