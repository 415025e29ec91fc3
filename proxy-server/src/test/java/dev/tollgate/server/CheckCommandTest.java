package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.ProtectionOptIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.json", "client-credentials.json", "auth0.json", "keycloak.json"})
    void everySampleConfigIsValidAndNoSecretIsPrinted(String sample) {
        Output out = check(Path.of("..", "config-samples", sample));
        assertEquals(0, out.code, out.text);
        assertTrue(out.text.startsWith("OK: ") || out.text.contains("\nOK: "), out.text);
        for (String secret : new String[] {"demo-secret-change-me", "YOUR-CLIENT-SECRET", "change-me"}) {
            assertFalse(out.text.contains(secret), "secret printed by check: " + out.text);
        }
    }

    /** The protected-endpoints sample names its key file relative to the repository root, where the README runs it. */
    @Test
    void theProtectedSampleIsValidFromTheRepositoryRoot() throws IOException {
        String sample = Files.readString(Path.of("..", "config-samples", "protected.json"))
                .replace("\"config-samples/demo-jwks.json\"", "\"../config-samples/demo-jwks.json\"");
        Output out = check(write(sample));
        assertEquals(0, out.code, out.text);
        assertTrue(out.text.contains("GET /me [auth/validator, qos/ratelimit/router]"), out.text);
        assertTrue(out.text.endsWith("2 endpoints; served as KrakenD would: 2; with behaviour differences: 0; "
                + "refused: 0\n"), out.text);
    }

    /**
     * The samples whose keys and certificates are files: keys are read while the config loads, so {@code check}
     * runs on a copy whose paths point at files made here. The Entra sample's projected token is read per token
     * request: its absence is a warning, not an error.
     */
    @ParameterizedTest
    @ValueSource(strings = {"keycloak-private-key-jwt.json", "entra-workload-identity.json", "mtls.json"})
    void theClientAuthenticationSamplesCheckWithTheirFilesInPlace(String sample) throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path key = Files.writeString(dir.resolve("signing.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        io.netty.handler.ssl.util.SelfSignedCertificate client =
                new io.netty.handler.ssl.util.SelfSignedCertificate("tollgate-payments");
        io.netty.handler.ssl.util.SelfSignedCertificate ca =
                new io.netty.handler.ssl.util.SelfSignedCertificate("internal-ca");
        try {
            String json = Files.readString(Path.of("..", "config-samples", sample))
                    .replace("/etc/tollgate/keys/gateway-signing.pem", key.toString())
                    .replace("/etc/tollgate/tls/client.crt", client.certificate().toString())
                    .replace("/etc/tollgate/tls/client.key", client.privateKey().toString())
                    .replace("/etc/tollgate/tls/internal-ca.pem", ca.certificate().toString());
            Output out = check(write(json));
            assertEquals(0, out.code, out.text);
            assertTrue(out.text.startsWith("OK: ") || out.text.contains("\nOK: "), out.text);
            assertFalse(out.text.contains("PRIVATE KEY"), out.text);
        } finally {
            client.delete();
            ca.delete();
        }
    }

    @Test
    void aKeyFileThatIsNotThereIsACheckErrorAtItsPath() throws IOException {
        Path file = write("""
                {"version": 3, "endpoints": [{"endpoint": "/a", "backend": [{"host": ["http://127.0.0.1:1"],
                  "url_pattern": "/a", "extra_config": {"auth/client-credentials": {"client_id": "id",
                    "token_url": "https://idp/token", "auth_style": "private_key_jwt",
                    "private_key_file": "/nonexistent/gateway.pem", "signing_alg": "ES256"}}}]}]}
                """);
        Output out = check(file);
        assertEquals(1, out.code, out.text);
        assertTrue(out.text.contains("endpoints[0].backend[0].extra_config[\"auth/client-credentials\"]"
                + ".private_key_file: /nonexistent/gateway.pem: no such file"), out.text);
    }

    @Test
    void listsEveryErrorWithItsJsonPathAndExitsOne() throws IOException {
        Path file = write("""
                {"version": 3, "timeout": "2 seconds",
                 "endpoints": [
                   {"endpoint": "/a/{id}", "backend": [{"host": ["http://127.0.0.1:1"], "url_pattern": "/x/{nope}"}]},
                   {"endpoint": "/b", "backend": [{"host": ["http://127.0.0.1:1"], "url_pattern": "/b",
                     "extra_config": {"auth/client-credentials": {"client_id": "id", "client_secret": "s3cr3t-value",
                        "endpoint_params": {"audience": "not-an-array"}}}}]}
                 ]}
                """);
        Output out = check(file);
        assertEquals(1, out.code, out.text);
        assertTrue(out.text.contains("timeout"), out.text);
        assertTrue(out.text.contains("endpoints[0].backend[0].url_pattern"), out.text);
        assertTrue(out.text.contains("token_url"), out.text);
        assertTrue(out.text.contains("audience"), out.text);
        assertFalse(out.text.contains("s3cr3t-value"), out.text);
    }

    /** A real-world shape: two unenforced protections on two endpoints, one open endpoint, a top-level block. */
    private static final String PROTECTED = """
            {"version": 3, "host": ["http://127.0.0.1:1"],
             "extra_config": {"server/virtualhost": {"hosts": ["a.example"]}, "telemetry/influx": {"address": "http://influx:8086"}},
             "endpoints": [
               {"endpoint": "/me", "output_encoding": "no-op", "backend": [{"url_pattern": "/me"}],
                "extra_config": {"auth/basic": {"@comment": "users elsewhere"}}},
               {"endpoint": "/search", "backend": [{"url_pattern": "/search"}],
                "extra_config": {"auth/api-keys": {"roles": ["user"]}}},
               {"endpoint": "/public", "output_encoding": "no-op", "backend": [{"url_pattern": "/public"}]}
             ]}
            """;

    @Test
    void aConfigWithUnenforcedProtectionIsRefusedWithEveryPlaceAndTheSummary() throws IOException {
        Output out = check(write(PROTECTED));
        assertEquals(1, out.code, out.text);
        assertTrue(out.text.contains("endpoints[0].extra_config[\"auth/basic\"]: refused: auth/basic is a "
                + "protection Tollgate does not enforce (KrakenD requires HTTP Basic credentials"), out.text);
        assertTrue(out.text.contains("--allow-unenforced auth/basic"), out.text);
        assertTrue(out.text.contains("endpoints[1].extra_config[\"auth/api-keys\"]: refused"), out.text);
        assertTrue(out.text.contains("warning: behaviour differs from KrakenD: server/virtualhost"), out.text);
        assertTrue(out.text.endsWith("3 endpoints; served as KrakenD would: 0; with behaviour differences: 1; "
                + "refused: 2\n"), out.text);
    }

    @Test
    void theOptInServesWithoutTheProtectionAndSaysSoPerEndpoint() throws IOException {
        Output out = check(write(PROTECTED),
                ProtectionOptIn.parse("auth/basic,auth/api-keys"));
        assertEquals(0, out.code, out.text);
        assertTrue(out.text.contains("UNPROTECTED: [ENDPOINT: /me] is served WITHOUT auth/basic (KrakenD "
                + "requires HTTP Basic credentials (401 without them)): allowed by --allow-unenforced"), out.text);
        assertTrue(out.text.contains("UNPROTECTED: [ENDPOINT: /search] is served WITHOUT auth/api-keys"),
                out.text);
        assertTrue(out.text.contains("info: not implemented, and nothing a client sees changes: telemetry/influx"),
                out.text);
        assertTrue(out.text.endsWith("3 endpoints; served as KrakenD would: 0; with behaviour differences: 1; "
                + "refused: 0; served without a protection (--allow-unenforced): 2\n"), out.text);
    }

    @Test
    void rateLimitsAreEnforcedSoTheyAreNotRefused() throws IOException {
        Output out = check(write("""
                {"version": 3, "host": ["http://127.0.0.1:1"], "endpoints": [
                  {"endpoint": "/search", "output_encoding": "no-op",
                   "extra_config": {"qos/ratelimit/router": {"max_rate": 10, "client_max_rate": 2, "strategy": "ip"}},
                   "backend": [{"url_pattern": "/search",
                                "extra_config": {"qos/ratelimit/proxy": {"max_rate": 100, "capacity": 100}}}]}
                ]}
                """));
        assertEquals(0, out.code, out.text);
        assertTrue(out.text.contains("GET /search [qos/ratelimit/router] -> GET [http://127.0.0.1:1]/search "
                + "[qos/ratelimit/proxy]"), out.text);
        assertFalse(out.text.contains("warning"), out.text);
        assertTrue(out.text.endsWith("1 endpoint; served as KrakenD would: 1; with behaviour differences: 0; "
                + "refused: 0\n"), out.text);
    }

    @Test
    void jwtValidationIsEnforcedSoItIsNotRefused() throws IOException {
        Output out = check(write("""
                {"version": 3, "host": ["http://127.0.0.1:1"], "endpoints": [
                  {"endpoint": "/me", "output_encoding": "no-op", "backend": [{"url_pattern": "/me"}],
                   "extra_config": {"github.com/devopsfaith/krakend-jose/validator":
                     {"alg": "RS256", "jwk_url": "https://idp/jwks", "roles": ["user"]}}}
                ]}
                """));
        assertEquals(0, out.code, out.text);
        assertTrue(out.text.contains("GET /me [auth/validator]"), out.text);
        assertFalse(out.text.contains("warning"), out.text);
    }

    @Test
    void anOptInOnlyAllowsWhatItNames() throws IOException {
        Output out = check(write(PROTECTED), ProtectionOptIn.parse("auth/basic,auth/signer"));
        assertEquals(1, out.code, out.text);
        assertFalse(out.text.contains("[\"auth/basic\"]: refused"), out.text);
        assertTrue(out.text.contains("[\"auth/api-keys\"]: refused"), out.text);
        assertTrue(out.text.contains("warning: --allow-unenforced auth/signer: this config does not use it"),
                out.text);
    }

    @Test
    void wrongVersionIsAClearError() throws IOException {
        Output out = check(write("{\"version\": 2, \"endpoints\": []}"));
        assertEquals(1, out.code);
        assertTrue(out.text.contains("version"), out.text);
    }

    @Test
    void missingFileAndInvalidJsonExitOne() throws IOException {
        Output missing = check(dir.resolve("nope.json"));
        assertEquals(1, missing.code);
        assertTrue(missing.text.contains("nope.json"), missing.text);

        Output broken = check(write("{\"version\": 3,\n \"endpoints\": [}"));
        assertEquals(1, broken.code);
        assertTrue(broken.text.contains("line 2"), broken.text);
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "krakend", ".json");
        Files.writeString(file, json);
        return file;
    }

    private static Output check(Path file) {
        return check(file, ProtectionOptIn.NONE);
    }

    private static Output check(Path file, ProtectionOptIn optIn) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = CheckCommand.run(file, optIn, java.util.Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Output(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Output(int code, String text) {
    }
}
