package dev.tollgate.auth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import dev.tollgate.auth.token.TokenFetchException;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTPS token URLs: the certificate must be trusted and must name the host (hostname verification on). */
class HttpsTokenEndpointTest {
    private MultiThreadIoEventLoopGroup group;
    private static SelfSignedCertificate cert;
    private ScriptedTokenServer server;
    private TokenHttpClient http;

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
        SslContext serverTls = SslContextBuilder.forServer(cert.certificate(), cert.privateKey())
                .sslProvider(SslProvider.JDK).build();
        server = new ScriptedTokenServer(group, serverTls, r -> Reply.token("tls-token", 60));
        SslContext clientTls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(cert.cert()).endpointIdentificationAlgorithm("HTTPS").build();
        http = new TokenHttpClient(group, NioSocketChannel.class, clientTls);
    }

    @AfterEach
    void stop() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private ClientCredentialsFetcher fetcher(String url) {
        return new ClientCredentialsFetcher(ClientCredentialsFetcherTest.creds(url, AuthStyle.HEADER,
                Duration.ofSeconds(10)), http);
    }

    @Test
    void trustedCertificateForTheHostWorks() throws Exception {
        String url = "https://localhost:" + server.port() + "/token";
        assertEquals("tls-token", fetcher(url).fetch().get(20, TimeUnit.SECONDS).accessToken());
        assertEquals("localhost:" + server.port(), server.take().headers().get("Host"));
    }

    @Test
    void aRedirectFromHttpsToHttpIsRefused() {
        server.script(r -> ScriptedTokenServer.Reply.redirect(308, "http://localhost:" + server.port() + "/token"));
        String url = "https://localhost:" + server.port() + "/token";
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> fetcher(url).fetch().get(20, TimeUnit.SECONDS));
        TokenFetchException t = (TokenFetchException) e.getCause();
        assertEquals(TokenFetchException.Reason.BAD_RESPONSE, t.reason());
        assertEquals("Post \"" + url + "\": refusing to follow a redirect from https to http://localhost:"
                + server.port() + "/token: the client credentials would travel unencrypted", t.getMessage());
        assertEquals(1, server.count.get());
    }

    @Test
    void certificateForAnotherHostIsRejected() {
        String url = "https://127.0.0.1:" + server.port() + "/token";
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> fetcher(url).fetch().get(20, TimeUnit.SECONDS));
        TokenFetchException t = (TokenFetchException) e.getCause();
        assertEquals(TokenFetchException.Reason.CONNECT, t.reason());
        assertTrue(t.getMessage().startsWith("Post \"" + url + "\": "), t.getMessage());
        assertEquals(0, server.count.get(), "no request is sent over an unverified connection");
    }
}
