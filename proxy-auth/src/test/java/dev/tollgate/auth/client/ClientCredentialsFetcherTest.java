package dev.tollgate.auth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.auth.ClientCredentialsConfig;
import dev.tollgate.auth.client.CredentialSet;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetchException.Reason;
import dev.tollgate.auth.token.TokenResponse;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsFetcherTest {
    static final String ID = "my client";
    static final String SECRET = "s3cr+t/=SECRET";

    private static MultiThreadIoEventLoopGroup group;
    private static TokenHttpClient http;
    private ScriptedTokenServer server;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        http = new TokenHttpClient(group, NioSocketChannel.class, TokenTls.defaultContext());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void startServer() {
        server = new ScriptedTokenServer(group, r -> Reply.token("tok", 3600));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    static CredentialSet creds(String url, AuthStyle style, Duration timeout) {
        return new ClientCredentialsConfig(ID, SECRET, url, List.of("scope1", "scope2"),
                Map.of("audience", List.of("https://api.test")), false, style, timeout, Duration.ofSeconds(10))
                .credentialSet();
    }

    private ClientCredentialsFetcher fetcher(AuthStyle style) {
        return new ClientCredentialsFetcher(creds(server.url("/token?tenant=t1"), style, Duration.ofSeconds(10)),
                http);
    }

    private static TokenResponse get(ClientCredentialsFetcher f) throws Exception {
        return f.fetch().get(20, TimeUnit.SECONDS);
    }

    private static TokenFetchException failure(ClientCredentialsFetcher f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.fetch().get(20, TimeUnit.SECONDS));
        TokenFetchException t = (TokenFetchException) e.getCause();
        assertFalse(t.getMessage().contains(SECRET), t.getMessage());
        return t;
    }

    @Test
    void headerStyleSendsBasicOfUrlEncodedCredentialsAndAForm() throws Exception {
        TokenResponse token = get(fetcher(AuthStyle.HEADER));
        assertEquals("tok", token.accessToken());
        assertEquals(3600, token.expiresInSeconds());
        ScriptedTokenServer.Recorded r = server.take();
        assertEquals("POST", r.method());
        assertEquals("/token?tenant=t1", r.uri(), "query kept");
        String expectedBasic = "Basic " + Base64.getEncoder().encodeToString(
                "my+client:s3cr%2Bt%2F%3DSECRET".getBytes(StandardCharsets.UTF_8));
        assertEquals(expectedBasic, r.headers().get("Authorization"));
        assertEquals("application/x-www-form-urlencoded", r.headers().get("Content-Type"));
        assertEquals("application/json", r.headers().get("Accept"));
        assertEquals("Tollgate", r.headers().get("User-Agent"));
        assertEquals("audience=https%3A%2F%2Fapi.test&grant_type=client_credentials&scope=scope1+scope2",
                r.body());
    }

    @Test
    void paramsStyleSendsCredentialsInTheBodyOnly() throws Exception {
        get(fetcher(AuthStyle.PARAMS));
        ScriptedTokenServer.Recorded r = server.take();
        assertNull(r.headers().get("Authorization"));
        assertEquals("audience=https%3A%2F%2Fapi.test&client_id=my+client&client_secret=s3cr%2Bt%2F%3DSECRET"
                + "&grant_type=client_credentials&scope=scope1+scope2", r.body());
    }

    @Test
    void autoFallsBackToBodyCredentialsAndRemembersIt() throws Exception {
        server.script(r -> r.headers().contains("Authorization")
                ? Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials\"}")
                : Reply.token("from-params", 60));
        ClientCredentialsFetcher f = fetcher(AuthStyle.AUTO);
        assertEquals("from-params", get(f).accessToken());
        assertEquals(AuthStyle.PARAMS, f.resolvedStyle());
        assertEquals(2, server.count.get());
        assertEquals("from-params", get(f).accessToken());
        assertEquals(3, server.count.get(), "the remembered style is used directly");
    }

    @Test
    void autoKeepsBasicWhenItWorks() throws Exception {
        ClientCredentialsFetcher f = fetcher(AuthStyle.AUTO);
        get(f);
        assertEquals(AuthStyle.HEADER, f.resolvedStyle());
        assertEquals(1, server.count.get());
    }

    @Test
    void autoReportsTheSecondErrorWhenBothStylesFail() {
        server.script(r -> r.headers().contains("Authorization")
                ? Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"first\"}")
                : Reply.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"second\"}"));
        TokenFetchException e = failure(fetcher(AuthStyle.AUTO));
        assertEquals("Post \"" + server.url("/token?tenant=t1") + "\": oauth2: \"invalid_request\" \"second\"",
                e.getMessage());
        assertEquals(Reason.OAUTH_ERROR, e.reason());
    }

    @Test
    void invalidClientIsReportedInKrakenDsShape() {
        server.script(r -> Reply.json(401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials\"}"));
        TokenFetchException e = failure(fetcher(AuthStyle.PARAMS));
        assertEquals("Post \"" + server.url("/token?tenant=t1") + "\": oauth2: \"invalid_client\" \"Bad client credentials\"",
                e.getMessage());
    }

    @Test
    void serverErrorWithHtmlNamesTheStatus() {
        server.script(r -> new Reply(500, "text/html", "<html><body>boom</body></html>", 0));
        TokenFetchException e = failure(fetcher(AuthStyle.PARAMS));
        assertTrue(e.getMessage().endsWith("oauth2: cannot fetch token: 500 Internal Server Error Response: "
                + "<html><body>boom</body></html>"), e.getMessage());
    }

    @Test
    void garbageJsonIsAParseError() {
        server.script(r -> Reply.json(200, "{not json"));
        TokenFetchException e = failure(fetcher(AuthStyle.PARAMS));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage().contains("oauth2: cannot parse json: "), e.getMessage());
    }

    @Test
    void htmlWithOkStatusIsAParseError() {
        server.script(r -> new Reply(200, "text/html", "<html>login page</html>", 0));
        assertEquals(Reason.BAD_RESPONSE, failure(fetcher(AuthStyle.PARAMS)).reason());
    }

    @Test
    void missingAccessTokenIsReported() {
        server.script(r -> Reply.json(200, "{\"token_type\":\"bearer\",\"expires_in\":3600}"));
        TokenFetchException e = failure(fetcher(AuthStyle.PARAMS));
        assertEquals(Reason.MISSING_TOKEN, e.reason());
        assertTrue(e.getMessage().endsWith("oauth2: server response missing access_token"));
    }

    @Test
    void errorFieldOnA200IsAnError() {
        server.script(r -> Reply.json(200, "{\"error\":\"access_denied\",\"access_token\":\"x\"}"));
        assertTrue(failure(fetcher(AuthStyle.PARAMS)).getMessage().endsWith("oauth2: \"access_denied\""));
    }

    @Test
    void formEncodedResponsesAreParsedAsForms() throws Exception {
        server.script(r -> new Reply(200, "application/x-www-form-urlencoded; charset=utf-8",
                "access_token=abc%2Bdef&token_type=bearer&expires_in=120", 0));
        TokenResponse t = get(fetcher(AuthStyle.PARAMS));
        assertEquals("abc+def", t.accessToken());
        assertEquals(120, t.expiresInSeconds());
    }

    @Test
    void expiresInVariants() throws Exception {
        ClientCredentialsFetcher f = fetcher(AuthStyle.PARAMS);
        server.script(r -> Reply.json(200, "{\"access_token\":\"a\",\"expires_in\":\"3600\"}"));
        assertEquals(3600, get(f).expiresInSeconds());
        server.script(r -> Reply.json(200, "{\"access_token\":\"a\",\"expires_in\":0}"));
        assertEquals(0, get(f).expiresInSeconds());
        server.script(r -> Reply.json(200, "{\"access_token\":\"a\"}"));
        assertEquals(0, get(f).expiresInSeconds());
        server.script(r -> Reply.json(200, "{\"access_token\":\"a\",\"expires_in\":null,\"extra\":{\"x\":[1]}}"));
        assertEquals(0, get(f).expiresInSeconds());
    }

    @Test
    void slowEndpointTimesOutAtTokenTimeoutNamingTheUrl() {
        server.script(r -> new Reply(200, "application/json", "{}", -1));
        String url = server.url("/token");
        ClientCredentialsFetcher f = new ClientCredentialsFetcher(creds(url, AuthStyle.AUTO,
                Duration.ofMillis(300)), http);
        TokenFetchException e = failure(f);
        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().startsWith("Post \"" + url + "\": token request timed out"), e.getMessage());
    }

    @Test
    void connectionFailureNamesTheUrl() throws Exception {
        String url = server.url("/token");
        server.close();
        TokenFetchException e = failure(new ClientCredentialsFetcher(creds(url, AuthStyle.HEADER,
                Duration.ofSeconds(5)), http));
        assertEquals(Reason.CONNECT, e.reason());
        assertTrue(e.getMessage().startsWith("Post \"" + url + "\": "), e.getMessage());
        server = new ScriptedTokenServer(group, r -> Reply.token("tok", 1));
    }

    @Test
    void a307Or308SendsTheSamePostAgainAsGoDoes() throws Exception {
        for (int code : new int[] {307, 308}) {
            server.script(r -> r.uri().startsWith("/token?") ? Reply.redirect(code, "/v2/token")
                    : Reply.token("after-" + code, 60));
            assertEquals("after-" + code, get(fetcher(AuthStyle.HEADER)).accessToken());
            ScriptedTokenServer.Recorded first = server.take();
            ScriptedTokenServer.Recorded second = server.take();
            assertEquals("POST", second.method());
            assertEquals("/v2/token", second.uri());
            assertEquals(first.body(), second.body());
            assertEquals(first.headers().get("Authorization"), second.headers().get("Authorization"));
            assertEquals("application/x-www-form-urlencoded", second.headers().get("Content-Type"));
        }
    }

    @Test
    void a301Or302Or303BecomesAGetWithoutTheForm() throws Exception {
        for (int code : new int[] {301, 302, 303}) {
            server.script(r -> r.method().equals("POST") ? Reply.redirect(code, server.url("/get-token"))
                    : Reply.token("via-get", 60));
            assertEquals("via-get", get(fetcher(AuthStyle.PARAMS)).accessToken());
            server.take();
            ScriptedTokenServer.Recorded second = server.take();
            assertEquals("GET", second.method());
            assertEquals("", second.body());
            assertNull(second.headers().get("Content-Type"));
        }
    }

    @Test
    void basicCredentialsStayWithTheTokenUrlsHost() throws Exception {
        server.script(r -> r.uri().startsWith("/token?")
                ? Reply.redirect(307, "http://localhost:" + server.port() + "/other") : Reply.token("t", 60));
        get(fetcher(AuthStyle.HEADER));
        assertTrue(server.take().headers().contains("Authorization"));
        ScriptedTokenServer.Recorded second = server.take();
        assertEquals("localhost:" + server.port(), second.headers().get("Host"));
        assertNull(second.headers().get("Authorization"), "Go's rule: not sent to another host");
    }

    @Test
    void redirectsStopAfterTenAndBadLocationsAreErrors() {
        server.script(r -> Reply.redirect(302, "/loop?sig=SECRET-IN-URL"));
        TokenFetchException e = failure(fetcher(AuthStyle.PARAMS));
        assertEquals(Reason.BAD_RESPONSE, e.reason());
        assertTrue(e.getMessage().endsWith(": stopped after 10 redirects"), e.getMessage());
        assertEquals(11, server.count.get());

        server.script(r -> Reply.redirect(302, "ftp://files.test/token"));
        assertTrue(failure(fetcher(AuthStyle.PARAMS)).getMessage()
                .endsWith("redirect to an unsupported protocol scheme \"ftp\""));
        server.script(r -> Reply.redirect(302, "http://bad host/x?sig=SECRET-IN-URL"));
        e = failure(fetcher(AuthStyle.PARAMS));
        assertTrue(e.getMessage().endsWith("failed to parse Location header \"http://bad host/x?...\""),
                e.getMessage());
        assertFalse(e.getMessage().contains("SECRET-IN-URL"));
    }

    @Test
    void aRedirectWithoutLocationIsTheAnswer() {
        server.script(r -> new Reply(302, "text/plain", "moved somewhere", 0));
        TokenFetchException e = failure(fetcher(AuthStyle.PARAMS));
        assertEquals(Reason.OAUTH_ERROR, e.reason());
        assertTrue(e.getMessage().contains("oauth2: cannot fetch token: 302 Found"), e.getMessage());
    }

    @Test
    void aRedirectTargetThatRefusesNamesBothUrls() throws Exception {
        int dead;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        server.script(r -> Reply.redirect(308, "http://127.0.0.1:" + dead + "/token?sig=x"));
        TokenFetchException e = failure(fetcher(AuthStyle.PARAMS));
        assertEquals(Reason.CONNECT, e.reason());
        assertTrue(e.getMessage().startsWith("Post \"" + server.url("/token?tenant=t1") + "\": after a redirect to "
                + "http://127.0.0.1:" + dead + "/token?...: "), e.getMessage());
    }

    @Test
    void bodiesOverOneMebibyteAreRefused() {
        String big = "{\"access_token\":\"" + "x".repeat((1 << 20) + 10) + "\"}";
        server.script(r -> Reply.json(200, big));
        assertEquals(Reason.BAD_RESPONSE, failure(fetcher(AuthStyle.PARAMS)).reason());
    }

    @Test
    void anEchoedSecretIsRedacted() {
        server.script(r -> new Reply(400, "text/html", "bad request: " + r.body(), 0));
        TokenFetchException e = failure(fetcher(AuthStyle.PARAMS));
        assertTrue(e.getMessage().contains("<redacted>"), e.getMessage());
    }
}
