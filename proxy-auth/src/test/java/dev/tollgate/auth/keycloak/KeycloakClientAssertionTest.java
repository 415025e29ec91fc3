package dev.tollgate.auth.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.auth.ClientCredentialsConfig;
import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.client.ClientCredentialsFetcher;
import dev.tollgate.auth.client.TestPki;
import dev.tollgate.auth.client.TokenHttpClient;
import dev.tollgate.auth.client.TokenTls;
import dev.tollgate.auth.token.TokenResponse;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonTreeReader;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * private_key_jwt and client_secret_jwt against Keycloak itself, the real identity provider: a realm with one
 * client that authenticates with a signed JWT (its public key registered as a JWKS) and one with
 * client_secret_jwt, as Keycloak's server administration guide describes them. Skipped, saying how to run it, when
 * no Keycloak is installed ({@link KeycloakServer#find}); nothing is downloaded.
 */
class KeycloakClientAssertionTest {
    private static final String REALM = "tollgate";
    private static final String HMAC_SECRET = "kc-client-secret-jwt-0123456789abcdefXYZ";
    private static KeycloakServer keycloak;
    private static MultiThreadIoEventLoopGroup group;
    private static TokenHttpClient http;
    private static KeyPair rsa;
    private static Path keyFile;

    @BeforeAll
    static void startKeycloak() throws Exception {
        Optional<Path> home = KeycloakServer.find();
        if (home.isEmpty()) {
            return; // each test reports the skip, with how to run it
        }
        Path work = Files.createDirectories(Path.of("target", "keycloak-test"));
        rsa = TestPki.rsa(2048);
        keyFile = TestPki.pkcs8(work, "tollgate-client.pem", rsa.getPrivate());
        keycloak = KeycloakServer.start(home.get(), work);
        keycloak.createRealm(realm());
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        http = new TokenHttpClient(group, NioSocketChannel.class, TokenTls.defaultContext());
    }

    @BeforeEach
    void needsKeycloak() {
        assumeTrue(keycloak != null, "Keycloak is not installed, so this test is skipped: " + KeycloakServer.HOW);
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    private static String realm() throws Exception {
        String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("tollgate-1")
                .keyUse(KeyUse.SIGNATURE).build()).toString();
        Map<String, Object> pkjwt = Map.of("clientId", "tollgate-pkjwt", "enabled", true, "publicClient", false,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false, "clientAuthenticatorType", "client-jwt",
                "attributes", Map.of("use.jwks.url", "false", "use.jwks.string", "true", "jwks.string", jwks,
                        "token.endpoint.auth.signing.alg", "RS256"));
        Map<String, Object> secretJwt = Map.of("clientId", "tollgate-secretjwt", "enabled", true,
                "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "clientAuthenticatorType", "client-secret-jwt", "secret", HMAC_SECRET,
                "attributes", Map.of("token.endpoint.auth.signing.alg", "HS256"));
        return JSONObjectUtils.toJSONString(Map.of("realm", REALM, "enabled", true,
                "clients", List.of(pkjwt, secretJwt)));
    }

    private static String tokenUrl() {
        return keycloak.url("/realms/" + REALM + "/protocol/openid-connect/token");
    }

    private static ClientCredentialsFetcher fetcher(String fields) throws Exception {
        ConfigProblems problems = new ConfigProblems();
        ClientCredentialsConfig c = new ClientCredentialsExtension().parse(JsonTreeReader.read("{\"token_url\": \""
                + tokenUrl() + "\", " + fields + "}"), JsonPath.ROOT.key("cc"), problems);
        assertEquals(List.of(), problems.errors());
        return new ClientCredentialsFetcher(c.credentialSet(), http);
    }

    private static String azp(TokenResponse token) throws Exception {
        return SignedJWT.parse(token.accessToken()).getJWTClaimsSet().getStringClaim("azp");
    }

    @Test
    void privateKeyJwtGetsATokenFromKeycloakAndEveryRequestHasAFreshAssertion() throws Exception {
        ClientCredentialsFetcher f = fetcher("\"client_id\": \"tollgate-pkjwt\", \"auth_style\": \"private_key_jwt\","
                + " \"private_key_file\": \"" + keyFile.toAbsolutePath() + "\", \"key_id\": \"tollgate-1\"");
        TokenResponse first = f.fetch().get(60, TimeUnit.SECONDS);
        assertEquals("tollgate-pkjwt", azp(first));
        // Keycloak refuses a reused assertion id: a second token proves the jti is fresh each time.
        TokenResponse second = f.fetch().get(60, TimeUnit.SECONDS);
        assertNotEquals(first.accessToken(), second.accessToken());
    }

    @Test
    void clientSecretJwtGetsATokenFromKeycloak() throws Exception {
        ClientCredentialsFetcher f = fetcher("\"client_id\": \"tollgate-secretjwt\","
                + " \"auth_style\": \"client_secret_jwt\", \"client_secret\": \"" + HMAC_SECRET + "\"");
        assertEquals("tollgate-secretjwt", azp(f.fetch().get(60, TimeUnit.SECONDS)));
    }
}
