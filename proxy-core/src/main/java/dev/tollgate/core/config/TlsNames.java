package dev.tollgate.core.config;

import java.util.List;
import java.util.Map;

/**
 * The numbers and names KrakenD's {@code tls} block uses (Go's crypto/tls constants, as lura's server reads them)
 * and the JDK's names for the same things. Pure data, so {@code check} can refuse a bad value with its path.
 */
public final class TlsNames {
    /** lura's {@code versions} map; a name it does not know means TLS 1.3 there. */
    static final Map<String, String> VERSIONS = Map.of(
            "TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
    /** In version order, for the protocols between a minimum and a maximum. */
    public static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** Go's TLS 1.0-1.2 suites by IANA number, without the RC4 and 3DES ones (broken; the JDK refuses them too). */
    static final Map<Integer, String> CIPHER_SUITES = Map.ofEntries(
            Map.entry(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
    /** Go's suites that are broken; refused with their name. */
    static final Map<Integer, String> BROKEN_SUITES = Map.of(
            0x0005, "TLS_RSA_WITH_RC4_128_SHA", 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
            0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", 0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
            0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA");
    /**
     * lura's default {@code cipher_suites} (ECDHE with AES-GCM or ChaCha20). Go never lets TLS 1.3's suites be
     * configured, and neither does Tollgate: they are always enabled next to these.
     */
    public static final List<String> DEFAULT_CIPHER_SUITES = List.of(
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    public static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    /** Go's CurveID numbers (IANA named groups) to the JDK's named groups. */
    static final Map<Integer, String> CURVES = Map.of(
            23, "secp256r1", 24, "secp384r1", 25, "secp521r1", 29, "x25519", 30, "x448");

    private TlsNames() {
    }
}
