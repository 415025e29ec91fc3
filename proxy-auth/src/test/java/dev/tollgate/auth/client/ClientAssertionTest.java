package dev.tollgate.auth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.auth.ClientCredentialsConfig;
import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.client.ScriptedTokenServer.Recorded;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetchException.Reason;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonTreeReader;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * private_key_jwt, client_secret_jwt and client_assertion_file against a token endpoint on loopback that checks the
 * assertion as an identity provider does ({@link AssertionCheckingEndpoint}); secret and assertion files re-read at
 * every request; token_request_headers on the wire.
 */
class ClientAssertionTest {
    static final String CLIENT = "orders-gateway";
    static final String HMAC_SECRET = "0123456789abcdef0123456789abcdef-hmac";
    /** The wall time assertions are made at: fixed, so iat and exp are exact. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static MultiThreadIoEventLoopGroup group;
    private static TokenHttpClient http;
    private ScriptedTokenServer server;
    @TempDir
    Path dir;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        http = new TokenHttpClient(group, NioSocketChannel.class, TokenTls.defaultContext());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void startServer() {
        server = new ScriptedTokenServer(group, r -> ScriptedTokenServer.Reply.token("unused", 60));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** A parsed config, through the same parser as krakend.json. */
    static ClientCredentialsConfig config(String json) throws Exception {
        ConfigProblems problems = new ConfigProblems();
        ClientCredentialsConfig c = new ClientCredentialsExtension().parse(JsonTreeReader.read(json),
                JsonPath.ROOT.key("cc"), problems);
        assertEquals(List.of(), problems.errors());
        return c;
    }

    private String tokenUrl() {
        return server.url("/realms/r/token");
    }

    private ClientCredentialsFetcher fetcher(String fields) throws Exception {
        return new ClientCredentialsFetcher(config("{\"client_id\": \"" + CLIENT + "\", \"token_url\": \""
                + tokenUrl() + "\", \"scopes\": \"orders.read\", " + fields + "}").credentialSet(), http, CLOCK);
    }

    private AssertionCheckingEndpoint endpoint(AssertionCheckingEndpoint.Check check, String audience) {
        AssertionCheckingEndpoint e = new AssertionCheckingEndpoint(CLIENT, audience, check, CLOCK);
        server.script(e);
        return e;
    }

    private static String token(ClientCredentialsFetcher f) throws Exception {
        return f.fetch().get(20, TimeUnit.SECONDS).accessToken();
    }

    private static TokenFetchException failure(ClientCredentialsFetcher f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.fetch().get(20, TimeUnit.SECONDS));
        return (TokenFetchException) e.getCause();
    }

    @Test
    void privateKeyJwtSignsAnRs256AssertionWithTheRfc7523Claims() throws Exception {
        KeyPair rsa = TestPki.rsa(2048);
        Path key = TestPki.pkcs8(dir, "rsa.pem", rsa.getPrivate());
        AssertionCheckingEndpoint idp = endpoint(AssertionCheckingEndpoint.publicKey(rsa.getPublic()), tokenUrl());
        ClientCredentialsFetcher f = fetcher("\"auth_style\": \"private_key_jwt\", \"private_key_file\": \"" + key
                + "\", \"key_id\": \"gw-2026\"");

        assertEquals("tok-1", token(f), idp.refusals.toString());
        SignedJWT jwt = idp.accepted.get(0);
        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals("gw-2026", jwt.getHeader().getKeyID());
        assertEquals("JWT", jwt.getHeader().getType().getType());
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertEquals(CLIENT, c.getIssuer());
        assertEquals(CLIENT, c.getSubject());
        assertEquals(List.of(tokenUrl()), c.getAudience(), "aud defaults to the token URL");
        assertEquals(NOW, c.getIssueTime().toInstant());
        assertEquals(NOW.plusSeconds(60), c.getExpirationTime().toInstant());

        Recorded sent = server.take();
        Map<String, String> form = FormEncoding.decodeFirst(sent.body());
        assertEquals("orders.read", form.get("scope"));
        assertFalse(form.containsKey("client_secret"));
        assertNull(sent.headers().get("Authorization"));
    }

    @Test
    void everyTokenRequestHasAFreshAssertionAndTheEndpointRefusesAReplayedOne() throws Exception {
        KeyPair ec = TestPki.ec("secp256r1");
        Path key = TestPki.sec1(dir, "ec.pem", ec.getPrivate());
        AssertionCheckingEndpoint idp = endpoint(AssertionCheckingEndpoint.publicKey(ec.getPublic()), tokenUrl());
        ClientCredentialsFetcher f = fetcher("\"auth_style\": \"private_key_jwt\", \"private_key_file\": \"" + key
                + "\"");
        assertEquals("tok-1", token(f), idp.refusals.toString());
        assertEquals("tok-2", token(f), idp.refusals.toString());
        assertEquals("ES256", idp.accepted.get(0).getHeader().getAlgorithm().getName(), "P-256 defaults to ES256");
        assertFalse(idp.accepted.get(0).getJWTClaimsSet().getJWTID()
                .equals(idp.accepted.get(1).getJWTClaimsSet().getJWTID()));

        // The endpoint is strict: the same assertion a second time is refused (what a fresh jti avoids).
        Recorded first = server.take();
        server.take();
        assertTrue(idp.apply(first).body().contains("jti reused"));
        assertEquals(List.of("jti reused"), idp.refusals);
    }

    @Test
    void pkcs1RsaKeyWithPs256AndAnExplicitAudience() throws Exception {
        KeyPair rsa = TestPki.rsa(3072);
        Path key = TestPki.pkcs1(dir, "rsa1.pem", rsa.getPrivate());
        AssertionCheckingEndpoint idp = endpoint(AssertionCheckingEndpoint.publicKey(rsa.getPublic()),
                "https://idp.example/realms/r");
        ClientCredentialsFetcher f = fetcher("\"auth_style\": \"private_key_jwt\", \"private_key_file\": \"" + key
                + "\", \"signing_alg\": \"PS256\", \"assertion_audience\": \"https://idp.example/realms/r\"");
        assertEquals("tok-1", token(f), idp.refusals.toString());
        assertEquals("PS256", idp.accepted.get(0).getHeader().getAlgorithm().getName());
    }

    @Test
    void p384KeySignsEs384AndEd25519SignsEdDsa() throws Exception {
        KeyPair p384 = TestPki.ec("secp384r1");
        AssertionCheckingEndpoint idp = endpoint(AssertionCheckingEndpoint.publicKey(p384.getPublic()), tokenUrl());
        ClientCredentialsFetcher f = fetcher("\"auth_style\": \"private_key_jwt\", \"private_key_file\": \""
                + TestPki.pkcs8(dir, "p384.pem", p384.getPrivate()) + "\"");
        assertEquals("tok-1", token(f), idp.refusals.toString());
        assertEquals("ES384", idp.accepted.get(0).getHeader().getAlgorithm().getName());

        KeyPair ed = TestPki.ed25519();
        idp = endpoint(AssertionCheckingEndpoint.publicKey(ed.getPublic()), tokenUrl());
        f = fetcher("\"auth_style\": \"private_key_jwt\", \"private_key_file\": \""
                + TestPki.pkcs8(dir, "ed.pem", ed.getPrivate()) + "\", \"signing_alg\": \"EdDSA\"");
        assertEquals("tok-1", token(f), idp.refusals.toString());
        assertEquals("EdDSA", idp.accepted.get(0).getHeader().getAlgorithm().getName());
    }

    @Test
    void aWrongKeyIsRefusedByTheEndpointWithAClearError() throws Exception {
        KeyPair registered = TestPki.rsa(2048);
        KeyPair other = TestPki.rsa(2048);
        AssertionCheckingEndpoint idp = endpoint(AssertionCheckingEndpoint.publicKey(registered.getPublic()),
                tokenUrl());
        ClientCredentialsFetcher f = fetcher("\"auth_style\": \"private_key_jwt\", \"private_key_file\": \""
                + TestPki.pkcs8(dir, "other.pem", other.getPrivate()) + "\"");
        TokenFetchException e = failure(f);
        assertEquals(Reason.OAUTH_ERROR, e.reason());
        assertEquals("Post \"" + tokenUrl() + "\": oauth2: \"invalid_client\" \"signature\"", e.getMessage());
        assertEquals(List.of("signature"), idp.refusals);
    }

    @Test
    void clientSecretJwtSignsHs256WithTheSecretAndNeverSendsIt() throws Exception {
        AssertionCheckingEndpoint idp = endpoint(AssertionCheckingEndpoint.secret(HMAC_SECRET), tokenUrl());
        ClientCredentialsFetcher f = fetcher("\"auth_style\": \"client_secret_jwt\", \"client_secret\": \""
                + HMAC_SECRET + "\", \"key_id\": \"hmac-1\"");
        assertEquals("tok-1", token(f), idp.refusals.toString());
        assertEquals("HS256", idp.accepted.get(0).getHeader().getAlgorithm().getName());
        assertEquals("hmac-1", idp.accepted.get(0).getHeader().getKeyID());
        assertFalse(server.take().body().contains("hmac"), "the secret itself never travels");
    }

    @Test
    void clientSecretFileIsReadAgainAtEveryTokenRequest() throws Exception {
        Path secret = TestPki.write(dir.resolve("secret"), "first-secret-value\n");
        server.script(r -> r.headers().get("Authorization").equals(basic("first-secret-value"))
                || r.headers().get("Authorization").equals(basic("rotated-secret-value"))
                ? ScriptedTokenServer.Reply.token("ok", 60)
                : ScriptedTokenServer.Reply.json(401, "{\"error\":\"invalid_client\"}"));
        ClientCredentialsFetcher f = fetcher("\"auth_style\": \"header\", \"client_secret_file\": \"" + secret + "\"");
        assertEquals("ok", token(f));
        assertEquals(basic("first-secret-value"), server.take().headers().get("Authorization"),
                "the trailing newline is not part of the secret");

        Files.writeString(secret, "rotated-secret-value");
        assertEquals("ok", token(f));
        assertEquals(basic("rotated-secret-value"), server.take().headers().get("Authorization"));
    }

    private static String basic(String secret) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((FormEncoding.queryEscape(CLIENT) + ":"
                + FormEncoding.queryEscape(secret)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aMissingOrEmptyAssertionFileFailsTheFetchClearlyAndIsReadAgainNextTime() throws Exception {
        Path file = dir.resolve("token");
        KeyPair k8s = TestPki.rsa(2048);
        AssertionCheckingEndpoint idp = endpoint(AssertionCheckingEndpoint.publicKey(k8s.getPublic()), tokenUrl());
        ClientCredentialsFetcher f = fetcher("\"auth_style\": \"client_assertion_file\", \"client_assertion_file\": \""
                + file + "\"");

        TokenFetchException missing = failure(f);
        assertEquals(Reason.CREDENTIALS, missing.reason());
        assertEquals("Post \"" + tokenUrl() + "\": client_assertion_file " + file + " does not exist; no token"
                + " request sent, the file is read again at the next attempt", missing.getMessage());
        Files.writeString(file, "  \n");
        assertTrue(failure(f).getMessage().contains(file + " is empty"));
        assertEquals(0, server.count.get(), "nothing is sent without an assertion");

        // What the kubelet projects: a JWT someone else signed, for this client and this token URL.
        String projected = ClientAssertions.sign(ClientAssertions.signer(new SigningKey(file, k8s.getPrivate(),
                AssertionAlgorithm.RS256, null)), AssertionAlgorithm.RS256, null, CLIENT, tokenUrl(), NOW);
        Files.writeString(file, projected + "\n");
        assertEquals("tok-1", token(f), idp.refusals.toString());
        assertEquals(projected, FormEncoding.decodeFirst(server.take().body()).get("client_assertion"));
    }

    @Test
    void tokenRequestHeadersAreOnEveryRequestAndErrorsNeverEchoSecrets() throws Exception {
        server.script(r -> ScriptedTokenServer.Reply.json(400, "{\"error\":\"invalid_request\",\"error_description\":"
                + "\"bad key " + r.headers().get("X-Api-Key") + " for " + r.body() + "\"}"));
        ClientCredentialsFetcher f = fetcher("\"auth_style\": \"client_secret_jwt\", \"client_secret\": \""
                + HMAC_SECRET + "\", \"token_request_headers\": {\"X-Api-Key\": \"API-KEY-123456\","
                + " \"X-Tenant\": \"contoso\"}");
        TokenFetchException e = failure(f);
        Recorded sent = server.take();
        assertEquals("API-KEY-123456", sent.headers().get("X-Api-Key"));
        assertEquals("contoso", sent.headers().get("X-Tenant"));
        String assertion = FormEncoding.decodeFirst(sent.body()).get("client_assertion");
        assertFalse(e.getMessage().contains("API-KEY-123456"), e.getMessage());
        assertFalse(e.getMessage().contains(assertion), e.getMessage());
        assertFalse(e.getMessage().contains(FormEncoding.queryEscape(assertion)), e.getMessage());
        assertTrue(e.getMessage().contains("<redacted>"), e.getMessage());
    }
}
