package dev.tollgate.core.config;

import static dev.tollgate.core.config.Configs.error;
import static dev.tollgate.core.config.Configs.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top-level tls block, read as lura's server reads it, stricter where lura weakens silently. */
class TlsRulesTest {
    @TempDir
    static Path dir;
    private static String cert;
    private static String key;

    @BeforeAll
    static void files() throws Exception {
        cert = Files.writeString(dir.resolve("c.pem"), "x").toString();
        key = Files.writeString(dir.resolve("k.pem"), "x").toString();
    }

    private static String config(String tls) {
        return "{'version': 3, 'endpoints': [], 'tls': {" + tls + "}}";
    }

    private static String pair() {
        return "'public_key': '" + cert + "', 'private_key': '" + key + "'";
    }

    @Test
    void defaultsAreLurasTls13AndEcdheSuites() {
        TlsConfig t = load(config(pair())).config().tls();
        assertEquals(List.of("TLSv1.3"), t.protocols(), "lura's default min and max are both TLS13");
        assertEquals(TlsNames.DEFAULT_CIPHER_SUITES, t.cipherSuites());
        assertEquals(List.of(), t.namedGroups());
        assertTrue(t.systemCaPool());
        TlsConfig range = load(config(pair() + ", 'min_version': 'TLS12', 'max_version': 'TLS13', "
                + "'cipher_suites': [49199, 52392], 'curve_preferences': [29, 23], 'enable_mtls': true, "
                + "'disable_system_ca_pool': true, 'ca_certs': ['" + cert + "']")).config().tls();
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), range.protocols());
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
                range.cipherSuites());
        assertEquals(List.of("x25519", "secp256r1"), range.namedGroups());
        assertTrue(range.mtls());
        assertEquals(false, range.systemCaPool());
    }

    @Test
    void disabledServesPlainHttpAsInKrakend() {
        LoadedConfig loaded = load(config("'disabled': true, 'public_key': 'nowhere.pem'"));
        assertNull(loaded.config().tls());
    }

    @Test
    void whatLuraWouldWeakenOrFailOnLaterIsAnError() {
        assertEquals("tls: needs public_key and private_key (or keys[]): the certificate to serve HTTPS with",
                error(config("'min_version': 'TLS12'")));
        assertEquals("tls.public_key: \"/no/such.pem\": no such file",
                error(config("'public_key': '/no/such.pem', 'private_key': '" + key + "'")));
        assertEquals("tls.min_version: SSL 3.0 is broken (POODLE) and not available; use TLS12 or TLS13",
                error(config(pair() + ", 'min_version': 'SSL3.0'")));
        assertEquals("tls.cipher_suites[0]: TLS_RSA_WITH_RC4_128_SHA is broken; leave it out",
                error(config(pair() + ", 'cipher_suites': [5]")));
        assertEquals("tls.cipher_suites[0]: 4660 is not a cipher suite Go's crypto/tls (so KrakenD) knows",
                error(config(pair() + ", 'cipher_suites': [4660]")));
        assertEquals("tls.curve_preferences[0]: 99 is not a curve (expected 23 P-256, 24 P-384, 25 P-521, 29 X25519 "
                + "or 30 X448)", error(config(pair() + ", 'curve_preferences': [99]")));
        assertEquals("tls.min_version: is above max_version: no TLS version is left",
                error(config(pair() + ", 'min_version': 'TLS13', 'max_version': 'TLS12'")));
        assertEquals("tls.keys[0].private_key: is required: the private key file (PEM)",
                error(config("'keys': [{'public_key': '" + cert + "'}]")));
    }

    @Test
    void anUnknownVersionNameIsTls13WithAWarning() {
        LoadedConfig loaded = load(config(pair() + ", 'min_version': 'TLS1.2'"));
        assertEquals(List.of("TLSv1.3"), loaded.config().tls().protocols());
        assertTrue(loaded.warnings().contains("tls.min_version: \"TLS1.2\" is not one of TLS10, TLS11, TLS12, TLS13: "
                + "TLS 1.3 is used, as lura uses it"), loaded.warnings().toString());
    }
}
