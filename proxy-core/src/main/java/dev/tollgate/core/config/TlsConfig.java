package dev.tollgate.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The top-level {@code tls} block: HTTPS on the gateway's listener, as lura's server reads it.
 *
 * @param keys          certificate chain and private key files (PEM), {@code public_key}/{@code private_key} first,
 *                      then {@code keys[]}; chosen by SNI, the first by default
 * @param protocols     the JDK protocol names between {@code min_version} and {@code max_version} (lura's default
 *                      for both is TLS 1.3)
 * @param cipherSuites  the JDK names of the TLS 1.2-and-older suites; TLS 1.3's are always on, as in Go
 * @param namedGroups   JDK named groups from {@code curve_preferences}; empty leaves the JDK's defaults
 * @param mtls          {@code enable_mtls}: clients must present a certificate the trust below verifies
 * @param caCerts       {@code ca_certs}: PEM files trusted for client certificates (with the gateway's own certificates,
 *                      as lura adds them)
 * @param systemCaPool  trust the JVM's CAs for client certificates too (not {@code disable_system_ca_pool})
 */
public record TlsConfig(
        List<KeyPair> keys,
        List<String> protocols,
        List<String> cipherSuites,
        List<String> namedGroups,
        boolean mtls,
        List<Path> caCerts,
        boolean systemCaPool) {

    /** One certificate chain and its private key. */
    public record KeyPair(Path publicKey, Path privateKey) {
    }

    public TlsConfig {
        keys = List.copyOf(keys);
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        namedGroups = List.copyOf(namedGroups);
        caCerts = List.copyOf(caCerts);
    }
}
