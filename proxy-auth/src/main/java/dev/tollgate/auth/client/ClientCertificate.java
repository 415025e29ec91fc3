package dev.tollgate.auth.client;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * The certificate and key of {@code tls_client_auth} (RFC 8705), loaded and checked (key fits, certificate valid
 * now) when the config loads. Equal when the files and their contents are. {@link #toString()} shows the files, the
 * subject and the expiry, never the key.
 *
 * @param certFile {@code client_cert_file}
 * @param keyFile  {@code client_key_file}
 * @param chain    the leaf first, then any intermediates from the same file
 * @param key      the leaf's private key
 */
public record ClientCertificate(Path certFile, Path keyFile, List<X509Certificate> chain, PrivateKey key) {

    public ClientCertificate {
        requireNonNull(certFile, "certFile");
        requireNonNull(keyFile, "keyFile");
        chain = List.copyOf(chain);
        requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: at least the client certificate)");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientCertificate c && certFile.equals(c.certFile) && keyFile.equals(c.keyFile)
                && Arrays.equals(key.getEncoded(), c.key.getEncoded()) && encoded(chain).equals(encoded(c.chain));
    }

    @Override
    public int hashCode() {
        return certFile.hashCode() * 31 + keyFile.hashCode();
    }

    private static List<String> encoded(List<X509Certificate> certs) {
        return certs.stream().map(c -> {
            try {
                return Arrays.toString(c.getEncoded());
            } catch (CertificateEncodingException e) {
                return c.toString();
            }
        }).toList();
    }

    @Override
    public String toString() {
        return "ClientCertificate{certFile=" + certFile + ", keyFile=" + keyFile + ", subject="
                + leaf().getSubjectX500Principal().getName() + ", notAfter=" + leaf().getNotAfter().toInstant() + '}';
    }
}
