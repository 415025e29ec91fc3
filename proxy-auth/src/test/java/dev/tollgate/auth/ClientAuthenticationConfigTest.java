package dev.tollgate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.client.AssertionAlgorithm;
import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.auth.client.ClientAuthentication;
import dev.tollgate.auth.client.SecretSource;
import dev.tollgate.auth.client.TestPki;
import dev.tollgate.core.config.ConfigProblems;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client authentication fields as {@code check} sees them: keys and certificates read while the config loads,
 * every mistake an error at its JSON path, no key material or secret in any message or toString.
 */
class ClientAuthenticationConfigTest {
    static final String P = ClientCredentialsConfigTest.P;
    @TempDir
    Path dir;

    private static String block(String fields) {
        return "{\"client_id\": \"gw\", \"token_url\": \"https://idp.test/token\", " + fields + "}";
    }

    private static ClientCredentialsConfig parse(String fields, ConfigProblems problems) throws Exception {
        return ClientCredentialsConfigTest.parse(block(fields), problems);
    }

    private static ClientCredentialsConfig ok(String fields) throws Exception {
        ConfigProblems problems = new ConfigProblems();
        ClientCredentialsConfig c = parse(fields, problems);
        assertEquals(List.of(), problems.errors());
        assertNotNull(c);
        return c;
    }

    private static String errors(String fields) throws Exception {
        ConfigProblems problems = new ConfigProblems();
        assertNull(parse(fields, problems));
        return String.join("\n", problems.errors());
    }

    @Test
    void privateKeyJwtReadsEveryPemShapeAndPicksTheKeysDefaultAlgorithm() throws Exception {
        KeyPair rsa = TestPki.rsa(2048);
        KeyPair p256 = TestPki.ec("secp256r1");
        KeyPair p521 = TestPki.ec("secp521r1");
        Map<Path, AssertionAlgorithm> expected = Map.of(
                TestPki.pkcs8(dir, "a.pem", rsa.getPrivate()), AssertionAlgorithm.RS256,
                TestPki.pkcs1(dir, "b.pem", rsa.getPrivate()), AssertionAlgorithm.RS256,
                TestPki.sec1(dir, "c.pem", p256.getPrivate()), AssertionAlgorithm.ES256,
                TestPki.pkcs8(dir, "d.pem", p256.getPrivate()), AssertionAlgorithm.ES256,
                TestPki.sec1(dir, "e.pem", p521.getPrivate()), AssertionAlgorithm.ES512,
                TestPki.pkcs8(dir, "f.pem", TestPki.ed25519().getPrivate()), AssertionAlgorithm.EDDSA);
        for (Map.Entry<Path, AssertionAlgorithm> e : expected.entrySet()) {
            ClientCredentialsConfig c = ok("\"auth_style\": \"private_key_jwt\", \"private_key_file\": \""
                    + e.getKey() + "\"");
            var pk = assertInstanceOf(ClientAuthentication.PrivateKeyJwt.class, c.authentication());
            assertEquals(e.getValue(), pk.key().algorithm(), e.getKey().toString());
        }
        ClientCredentialsConfig pkcs1 = ok("\"auth_style\": \"private_key_jwt\", \"private_key_file\": \""
                + dir.resolve("b.pem") + "\"");
        assertEquals(rsa.getPrivate(), ((ClientAuthentication.PrivateKeyJwt) pkcs1.authentication()).key().key(),
                "PKCS#1 and PKCS#8 of one key are the same key");
    }

    @Test
    void keyErrorsNameThePathAndTheProblem() throws Exception {
        Path rsa1024 = TestPki.pkcs8(dir, "small.pem", TestPki.rsa(1024).getPrivate());
        Path rsa = TestPki.pkcs8(dir, "rsa.pem", TestPki.rsa(2048).getPrivate());
        Path p384 = TestPki.pkcs8(dir, "p384.pem", TestPki.ec("secp384r1").getPrivate());
        Path garbage = TestPki.write(dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n"
                + "-----END PRIVATE KEY-----\n");
        Path cert = TestPki.write(dir.resolve("cert-only.pem"), "hello");
        Path encrypted = TestPki.write(dir.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n");
        String pk = "\"auth_style\": \"private_key_jwt\", \"private_key_file\": \"";

        assertEquals(P + ".private_key_file: " + dir.resolve("nope.pem") + ": no such file",
                errors(pk + dir.resolve("nope.pem") + "\""));
        assertEquals(P + ".private_key_file: " + garbage + ": not an RSA, EC or EdDSA private key the JDK can read",
                errors(pk + garbage + "\""));
        assertTrue(errors(pk + cert + "\"").startsWith(P + ".private_key_file: " + cert + ": no PEM private key"));
        assertTrue(errors(pk + encrypted + "\"").contains("is encrypted"));
        assertEquals(P + ".private_key_file: the RSA key has 1024 bits (expected: at least 2048)",
                errors(pk + rsa1024 + "\""));
        assertEquals(P + ".signing_alg: ES256 needs an EC key on P-256, the file holds an RSA key of 2048 bits",
                errors(pk + rsa + "\", \"signing_alg\": \"ES256\""));
        assertEquals(P + ".signing_alg: ES256 needs an EC key on P-256, the file holds an EC key on P-384",
                errors(pk + p384 + "\", \"signing_alg\": \"ES256\""));
        assertTrue(errors(pk + rsa + "\", \"signing_alg\": \"HS256\"").startsWith(P
                + ".signing_alg: unknown signing algorithm \"HS256\" for a key"));
        assertEquals(P + ".private_key_file: is required with auth_style \"private_key_jwt\"",
                errors("\"auth_style\": \"private_key_jwt\""));
    }

    @Test
    void fieldsOfAnotherStyleAreErrorsAndASecretIsNotRequiredWithoutOne() throws Exception {
        String all = errors("\"client_secret\": \"s\", \"private_key_file\": \"/k.pem\", \"client_cert_file\": \"/c\","
                + " \"assertion_audience\": \"x\"");
        assertTrue(all.contains(P + ".private_key_file: only used with auth_style \"private_key_jwt\", not \"auto\""),
                all);
        assertTrue(all.contains(P + ".client_cert_file: only used with auth_style \"tls_client_auth\""), all);
        assertTrue(all.contains(P + ".assertion_audience: only used with auth_style \"private_key_jwt\" or"
                + " \"client_secret_jwt\""), all);

        assertEquals(P + ".client_secret: is required (or client_secret_file)", errors("\"auth_style\": \"params\""));
        assertEquals(P + ".client_secret_file: client_secret is set too (expected: one of them)",
                errors("\"client_secret\": \"a\", \"client_secret_file\": \"/run/secrets/s\""));
        assertTrue(errors("\"auth_style\": \"basic\"").contains("expected one of \"auto\", \"header\", \"params\","
                + " \"private_key_jwt\", \"client_secret_jwt\", \"client_assertion_file\", \"tls_client_auth\""));

        ClientCredentialsConfig c = ok("\"auth_style\": \"client_assertion_file\", \"client_assertion_file\": \""
                + dir.resolve("token") + "\"");
        assertEquals(AuthStyle.CLIENT_ASSERTION_FILE, c.authStyle());
    }

    @Test
    void clientSecretJwtNeedsAKeySizedSecret() throws Exception {
        assertEquals(P + ".client_secret: HS256 needs a client secret of at least 32 bytes, this one has 11",
                errors("\"auth_style\": \"client_secret_jwt\", \"client_secret\": \"SHORTSECRET\""));
        assertFalse(errors("\"auth_style\": \"client_secret_jwt\", \"client_secret\": \"SHORTSECRET\"")
                .contains("SHORTSECRET"));
        ClientCredentialsConfig c = ok("\"auth_style\": \"client_secret_jwt\", \"signing_alg\": \"HS512\","
                + " \"client_secret_file\": \"" + dir.resolve("s") + "\"");
        var jwt = assertInstanceOf(ClientAuthentication.SecretJwt.class, c.authentication());
        assertEquals(AssertionAlgorithm.HS512, jwt.algorithm());
        assertInstanceOf(SecretSource.FromFile.class, jwt.secret());
    }

    @Test
    void tlsClientAuthChecksTheKeyFitsAndTheCertificateIsValidNow() throws Exception {
        SelfSignedCertificate good = new SelfSignedCertificate("gw");
        SelfSignedCertificate other = new SelfSignedCertificate("other");
        long day = 86_400_000L;
        SelfSignedCertificate expired = new SelfSignedCertificate("old", new Date(System.currentTimeMillis()
                - 30 * day), new Date(System.currentTimeMillis() - day));
        try {
            String tls = "\"auth_style\": \"tls_client_auth\", \"client_cert_file\": \"";
            ClientCredentialsConfig c = ok(tls + good.certificate() + "\", \"client_key_file\": \""
                    + good.privateKey() + "\"");
            var t = assertInstanceOf(ClientAuthentication.TlsClientAuth.class, c.authentication());
            assertEquals(good.cert(), t.certificate().leaf());

            assertEquals(P + ".client_key_file: " + other.privateKey() + ": this key does not belong to the"
                    + " certificate in " + good.certificate() + " (CN=gw)", errors(tls + good.certificate()
                    + "\", \"client_key_file\": \"" + other.privateKey() + "\""));
            assertTrue(errors(tls + expired.certificate() + "\", \"client_key_file\": \"" + expired.privateKey()
                    + "\"").startsWith(P + ".client_cert_file: " + expired.certificate()
                    + ": the certificate expired at "));
            assertTrue(errors(tls + good.privateKey() + "\", \"client_key_file\": \"" + good.privateKey() + "\"")
                    .contains(".client_cert_file: " + good.privateKey() + ": no PEM certificate found"));
            assertEquals(P + ".client_key_file: is required with auth_style \"tls_client_auth\"",
                    errors(tls + good.certificate() + "\""));
            ConfigProblems problems = new ConfigProblems();
            ClientCredentialsConfigTest.parse("{\"client_id\": \"gw\", \"token_url\": \"http://idp/token\", " + tls
                    + good.certificate() + "\", \"client_key_file\": \"" + good.privateKey() + "\"}", problems);
            assertEquals(List.of(P + ".auth_style: tls_client_auth needs an https token_url"), problems.errors());

            String shown = c.toString() + c.credentialSet();
            String keyBase64 = Base64.getMimeEncoder().encodeToString(t.certificate().key().getEncoded());
            assertFalse(shown.contains(keyBase64.substring(0, 40)), shown);
            assertTrue(shown.contains(good.privateKey().toString()), "files are named");
        } finally {
            good.delete();
            other.delete();
            expired.delete();
        }
    }

    @Test
    void caFileIsLoadedForAnyStyle() throws Exception {
        SelfSignedCertificate ca = new SelfSignedCertificate("private-ca");
        try {
            ClientCredentialsConfig c = ok("\"client_secret\": \"s\", \"ca_file\": \"" + ca.certificate() + "\"");
            assertEquals(List.of(ca.cert()), c.ca().certificates());
            assertEquals(P + ".ca_file: " + dir.resolve("none") + ": no such file",
                    errors("\"client_secret\": \"s\", \"ca_file\": \"" + dir.resolve("none") + "\""));
        } finally {
            ca.delete();
        }
    }

    @Test
    void tokenRequestHeadersRefuseConnectionLevelNamesAndHideValues() throws Exception {
        ClientCredentialsConfig c = ok("\"client_secret\": \"s\", \"token_request_headers\": {\"X-Tenant\": \"t1\","
                + " \"Ocp-Apim-Subscription-Key\": \"APIKEY-SECRET\"}");
        assertEquals(Map.of("X-Tenant", "t1", "Ocp-Apim-Subscription-Key", "APIKEY-SECRET"), c.tokenRequestHeaders());
        assertFalse((c.toString() + c.credentialSet()).contains("APIKEY-SECRET"));

        String all = errors("\"client_secret\": \"s\", \"token_request_headers\": {\"Host\": \"x\","
                + " \"Content-Length\": \"1\", \"Transfer-Encoding\": \"chunked\", \"Connection\": \"close\","
                + " \"Authorization\": \"Bearer X\", \"Bad Name\": \"x\", \"X-N\": 1, \"X-Crlf\": \"a\\r\\nb\"}");
        String h = P + ".token_request_headers.";
        assertTrue(all.contains(h + "Host: set by the token client itself"), all);
        assertTrue(all.contains(h + "Content-Length: set by the token client itself"), all);
        assertTrue(all.contains(h + "Transfer-Encoding: a hop-by-hop header"), all);
        assertTrue(all.contains(h + "Connection: a hop-by-hop header"), all);
        assertTrue(all.contains(h + "Authorization: auth_style \"auto\" sends the client secret in Authorization"),
                all);
        assertTrue(all.contains("Bad Name\"]: not a valid header name"), all);
        assertTrue(all.contains(h + "X-N: expected a string, got a number"), all);
        assertTrue(all.contains(h + "X-Crlf: the value must not contain CR, LF or NUL"), all);
        ok("\"client_secret\": \"s\", \"auth_style\": \"params\", \"token_request_headers\":"
                + " {\"Authorization\": \"Bearer gateway-key\"}");
    }

    @Test
    void noTokenStatusIs500ByDefaultAnd502Or503OnRequest() throws Exception {
        assertEquals(500, ok("\"client_secret\": \"s\"").noTokenStatus());
        assertEquals(503, ok("\"client_secret\": \"s\", \"no_token_status\": 503").noTokenStatus());
        assertTrue(errors("\"client_secret\": \"s\", \"no_token_status\": 401").startsWith(P
                + ".no_token_status: 401 is not allowed (expected one of [500, 502, 503]"));
    }

    @Test
    void theCredentialSetIncludesTheNewFieldsSoOnlyIdenticalBackendsShareAToken() throws Exception {
        Path key = TestPki.pkcs8(dir, "k.pem", TestPki.rsa(2048).getPrivate());
        String base = "\"auth_style\": \"private_key_jwt\", \"private_key_file\": \"" + key + "\"";
        assertEquals(ok(base).credentialSet(), ok(base).credentialSet(), "the same file, loaded twice");
        assertEquals(ok(base).credentialSet(), ok(base + ", \"no_token_status\": 503").credentialSet(),
                "no_token_status is per backend, the token is shared");
        assertNotEquals(ok(base).credentialSet(), ok(base + ", \"key_id\": \"k2\"").credentialSet());
        assertNotEquals(ok(base).credentialSet(), ok(base + ", \"assertion_audience\": \"a\"").credentialSet());
        assertNotEquals(ok(base).credentialSet(), ok(base + ", \"signing_alg\": \"PS256\"").credentialSet());
        assertNotEquals(ok(base).credentialSet(), ok(base + ", \"token_request_headers\": {\"X-T\": \"1\"}")
                .credentialSet());
        Path copy = Files.copy(key, dir.resolve("copy.pem"));
        assertNotEquals(ok(base).credentialSet(), ok("\"auth_style\": \"private_key_jwt\", \"private_key_file\": \""
                + copy + "\"").credentialSet(), "another file may rotate separately");
        assertNotEquals(ok("\"client_secret_file\": \"/a\"").credentialSet(),
                ok("\"client_secret_file\": \"/b\"").credentialSet());
        assertNotEquals(ok("\"client_secret\": \"a\"").credentialSet(), ok("\"client_secret_file\": \"a\"")
                .credentialSet());
        assertFalse(ok(base).toString().contains("PRIVATE"), ok(base).toString());
    }
}
