package dev.tollgate.auth.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for requests to identity providers (token and key-set URLs): the JDK provider and trust store, with hostname
 * verification (and SNI from the host).
 */
public final class TokenTls {
    private TokenTls() {
    }

    public static SslContext defaultContext() {
        return build(null);
    }

    /**
     * The default trust store plus the PEM certificates in {@code pem} (krakend-jose's {@code jwk_local_ca}: a
     * private CA added to the system roots, not replacing them).
     */
    public static SslContext withExtraCa(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate root : systemTrust().getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + n++, root);
            }
            for (Certificate extra : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("local-" + n++, extra);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return build(factory);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the CA certificates in " + pem + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The context of one credential set's token requests: the system roots plus {@code ca} (when not null) and,
     * for {@code tls_client_auth}, the client certificate offered to the token endpoint (RFC 8705).
     */
    public static SslContext forCredentials(CaFile ca, ClientCertificate client) {
        try {
            TrustManagerFactory trust = null;
            if (ca != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int n = 0;
                for (X509Certificate root : systemTrust().getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + n++, root);
                }
                for (X509Certificate extra : ca.certificates()) {
                    store.setCertificateEntry("local-" + n++, extra);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm("HTTPS");
            if (trust != null) {
                builder.trustManager(trust);
            }
            if (client != null) {
                builder.keyManager(client.key(), client.chain().toArray(new X509Certificate[0]));
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException e) {
            // The type only: a message here could describe the key.
            throw new IllegalStateException("cannot build the TLS context for token requests: "
                    + e.getClass().getSimpleName());
        }
    }

    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager in the JDK");
    }

    private static SslContext build(TrustManagerFactory trust) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm("HTTPS");
            if (trust != null) {
                builder.trustManager(trust);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context for identity provider requests", e);
        }
    }
}
