package dev.tollgate.auth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.auth.ClientCredentialsConfig;
import dev.tollgate.auth.token.TokenResponse;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The happy path against a real OAuth2 server: the client-credentials grant returns a signed JWT. */
class MockOAuth2ServerTest {
    private MockOAuth2Server idp;
    private MultiThreadIoEventLoopGroup group;

    @BeforeEach
    void start() {
        idp = new MockOAuth2Server();
        idp.start();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() {
        idp.shutdown();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void clientCredentialsGrantReturnsAJwtForTheClient() throws Exception {
        String tokenUrl = idp.tokenEndpointUrl("issuer1").toString();
        ClientCredentialsConfig config = new ClientCredentialsConfig("backend-client", "s3cret", tokenUrl,
                List.of("api://orders/.default"), Map.of("audience", List.of("orders")), false, AuthStyle.AUTO,
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        ClientCredentialsFetcher fetcher = new ClientCredentialsFetcher(config.credentialSet(),
                new TokenHttpClient(group, NioSocketChannel.class, TokenTls.defaultContext()));

        TokenResponse token = fetcher.fetch().get(30, TimeUnit.SECONDS);
        assertTrue(token.expiresInSeconds() > 0);
        assertEquals("bearer", token.tokenType().toLowerCase(java.util.Locale.ROOT));
        String[] jwt = token.accessToken().split("\\.");
        assertEquals(3, jwt.length, "a signed JWT");
        String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"backend-client\""), claims);
        assertTrue(claims.contains("api://orders/.default"), claims);
        assertTrue(claims.contains(idp.issuerUrl("issuer1").toString().replace("/", "\\/"))
                || claims.contains(idp.issuerUrl("issuer1").toString()), claims);

        RecordedRequest request = idp.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("application/json", request.getHeader("Accept"));
        assertTrue(request.getHeader("Authorization").startsWith("Basic "));
        String body = request.getBody().readUtf8();
        assertTrue(body.contains("grant_type=client_credentials"), body);
        assertTrue(body.contains("scope=api%3A%2F%2Forders%2F.default"), body);
    }

    @Test
    void privateKeyJwtIsAcceptedAsClientAuthentication(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String tokenUrl = idp.tokenEndpointUrl("issuer1").toString();
        java.nio.file.Path key = TestPki.pkcs8(dir, "k.pem", TestPki.rsa(2048).getPrivate());
        ClientCredentialsConfig config = ClientAssertionTest.config("{\"client_id\": \"backend-client\","
                + " \"token_url\": \"" + tokenUrl + "\", \"scopes\": \"orders\", \"auth_style\": \"private_key_jwt\","
                + " \"private_key_file\": \"" + key + "\"}");
        ClientCredentialsFetcher fetcher = new ClientCredentialsFetcher(config.credentialSet(),
                new TokenHttpClient(group, NioSocketChannel.class, TokenTls.defaultContext()));

        TokenResponse token = fetcher.fetch().get(30, TimeUnit.SECONDS);
        String claims = new String(Base64.getUrlDecoder().decode(token.accessToken().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"backend-client\""), "the client named by the assertion: " + claims);

        String body = idp.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8();
        assertTrue(body.contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3A"
                + "jwt-bearer"), body);
        assertTrue(body.contains("client_assertion=ey"), body);
    }
}
