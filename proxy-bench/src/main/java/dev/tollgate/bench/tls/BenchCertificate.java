package dev.tollgate.bench.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The self-signed certificate the HTTPS targets serve, made when the harness starts: the JDK's own {@code keytool}
 * generates an EC P-256 key pair and certificate for {@code localhost} and {@code 127.0.0.1} (two days valid), and
 * the PKCS#12 store is turned into the PEM files Tollgate's {@code tls} block, nginx and HAProxy read. No
 * certificate library is needed, in the bench jar or the proxy's. The key protects nothing: it is made per run,
 * lives in the results directory, and only loopback listeners use it.
 *
 * @param certificate PEM certificate ({@code public_key}, {@code ssl_certificate})
 * @param key         PEM PKCS#8 private key ({@code private_key}, {@code ssl_certificate_key})
 * @param combined    certificate followed by the key, as HAProxy's {@code crt} wants it
 * @param x509        the certificate, for clients to trust
 */
public record BenchCertificate(Path certificate, Path key, Path combined, X509Certificate x509) {
    private static final String ALIAS = "tollgate-bench";
    /** Guards a throw-away store that is deleted right after it is read; not a secret. */
    /** The throw-away key store's password: random per run, so no password is written in the source. */
    private static final char[] STORE_PASSWORD = java.util.HexFormat.of()
            .formatHex(new java.security.SecureRandom().generateSeed(16)).toCharArray();

    /** Generates the certificate into {@code dir} ({@code tls-cert.pem}, {@code tls-key.pem}, {@code tls.pem}). */
    public static BenchCertificate generate(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path store = dir.resolve("tls-store.p12");
        Files.deleteIfExists(store);
        List<String> command = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool could not make the bench certificate: " + output.trim());
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, STORE_PASSWORD);
            X509Certificate x509 = (X509Certificate) keyStore.getCertificate(ALIAS);
            PrivateKey key = (PrivateKey) keyStore.getKey(ALIAS, STORE_PASSWORD);
            String certPem = pem("CERTIFICATE", x509.getEncoded());
            String keyPem = pem("PRIVATE KEY", key.getEncoded()); // PKCS#8, what getEncoded gives
            Path certFile = dir.resolve("tls-cert.pem");
            Path keyFile = dir.resolve("tls-key.pem");
            Path combined = dir.resolve("tls.pem");
            Files.writeString(certFile, certPem);
            Files.writeString(keyFile, keyPem);
            Files.writeString(combined, certPem + keyPem);
            return new BenchCertificate(certFile, keyFile, combined, x509);
        } catch (GeneralSecurityException e) {
            throw new IOException("the bench certificate store does not read back: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    /** A JDK client context that trusts this certificate only (the harness's control-plane requests). */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, x509);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("a trust store of one certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }
}
