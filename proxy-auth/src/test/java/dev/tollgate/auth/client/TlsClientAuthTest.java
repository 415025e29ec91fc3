package dev.tollgate.auth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.ClientCredentialsConfig;
import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.client.ScriptedTokenServer.Recorded;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import dev.tollgate.auth.token.TokenClock;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.GateRejection;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tls_client_auth (RFC 8705) against a token endpoint that requires a client certificate, all certificates made at
 * test time: the endpoint's own is trusted through ca_file, the client's is what authenticates.
 */
class TlsClientAuthTest {
    private static MultiThreadIoEventLoopGroup group;
    private static SelfSignedCertificate serverCert;
    private static SelfSignedCertificate clientCert;
    private static SelfSignedCertificate strangerCert;
    private ScriptedTokenServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        serverCert = new SelfSignedCertificate("localhost");
        clientCert = new SelfSignedCertificate("orders-gateway");
        strangerCert = new SelfSignedCertificate("someone-else");
    }

    @AfterAll
    static void cleanUp() {
        serverCert.delete();
        clientCert.delete();
        strangerCert.delete();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** An endpoint that accepts only clients whose certificate is {@code trusted}. */
    private void startServer(SelfSignedCertificate trusted) throws Exception {
        SslContext tls = SslContextBuilder.forServer(serverCert.certificate(), serverCert.privateKey())
                .sslProvider(SslProvider.JDK).trustManager(trusted.cert()).clientAuth(ClientAuth.REQUIRE).build();
        server = new ScriptedTokenServer(group, tls, r -> Reply.token("mtls-token", 300));
    }

    private ClientCredentialsConfig config() throws Exception {
        return ClientAssertionTest.config("{\"client_id\": \"orders-gateway\", \"token_url\": \"https://localhost:"
                + server.port() + "/token\", \"auth_style\": \"tls_client_auth\", \"client_cert_file\": \""
                + clientCert.certificate() + "\", \"client_key_file\": \"" + clientCert.privateKey()
                + "\", \"ca_file\": \"" + serverCert.certificate() + "\"}");
    }

    @Test
    void theTokenRequestGoesOverTlsWithTheClientCertificateAndNamesTheClientInTheForm() throws Exception {
        startServer(clientCert);
        // The extension's own wiring: a TLS context of this credential set, built from ca_file and the certificate.
        ClientCredentialsExtension ext = new ClientCredentialsExtension(TokenClock.SYSTEM, () -> {
            throw new AssertionError("the shared context is not for a client certificate");
        });
        BackendDecorator d = ext.decorate(null, null, config());
        ext.start(group, NioSocketChannel.class);
        try {
            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            d.gate().await(group.next(), new BackendGate.Listener() {
                @Override
                public void onReady() {
                    ready.complete(true);
                }

                @Override
                public void onRejected(GateRejection rejection) {
                    ready.completeExceptionally(new AssertionError(rejection.logMessage()));
                }
            });
            assertTrue(ready.get(20, TimeUnit.SECONDS));
        } finally {
            ext.close();
        }
        Recorded sent = server.take();
        assertEquals(clientCert.cert(), sent.clientCertificates().get(0));
        Map<String, String> form = FormEncoding.decodeFirst(sent.body());
        assertEquals("orders-gateway", form.get("client_id"));
        assertEquals("client_credentials", form.get("grant_type"));
        assertFalse(form.containsKey("client_secret"));
        assertNull(sent.headers().get("Authorization"));
    }

    @Test
    void anEndpointThatDoesNotTrustTheCertificateFailsTheFetchWithAClearError() throws Exception {
        startServer(strangerCert);
        ClientCredentialsConfig c = config();
        ClientCertificate cert = ((ClientAuthentication.TlsClientAuth) c.authentication()).certificate();
        TokenHttpClient http = new TokenHttpClient(group, NioSocketChannel.class,
                TokenTls.forCredentials(c.ca(), cert));
        ClientCredentialsFetcher f = new ClientCredentialsFetcher(c.credentialSet(), http);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.fetch().get(20, TimeUnit.SECONDS));
        TokenFetchException t = (TokenFetchException) e.getCause();
        assertEquals(TokenFetchException.Reason.CONNECT, t.reason());
        assertTrue(t.getMessage().startsWith("Post \"https://localhost:" + server.port() + "/token\": "),
                t.getMessage());
        assertTrue(t.getMessage().contains("client certificate"), t.getMessage());
    }
}
