package dev.tollgate.core.server;

import dev.tollgate.core.config.TlsConfig;
import dev.tollgate.core.config.TlsNames;
import dev.tollgate.core.log.Log;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * HTTPS on the gateway's listener from the {@code tls} block: one Netty {@link SslContext} per key pair (the JDK
 * provider), chosen by SNI when there are several (the first otherwise), as Go picks among lura's certificates.
 * ALPN offers {@code http/1.1} only. With {@code enable_mtls} a client certificate is required and verified
 * against the system CAs (unless disabled), {@code ca_certs} and the gateway's own certificates, as lura builds its
 * pool. Certificate files are watched: a changed file is loaded for new connections without dropping any; a file
 * that no longer loads keeps the previous certificates, with an error line.
 */
public final class ServerTls {
    private static final Log LOG = Log.get("tls");
    static final long WATCH_PERIOD_SECONDS = 5;

    private final TlsConfig config;
    private volatile Mapping<String, SslContext> contexts;
    private volatile SslContext single;
    private List<Long> stamps;
    private ScheduledFuture<?> watch;

    private ServerTls(TlsConfig config) {
        this.config = config;
    }

    /**
     * Loads every certificate and key now.
     *
     * @throws IOException naming the file that does not load and why
     */
    public static ServerTls load(TlsConfig config) throws IOException {
        ServerTls tls = new ServerTls(config);
        tls.reload();
        return tls;
    }

    private void reload() throws IOException {
        List<Long> before = stamps();
        List<SslContext> built = new ArrayList<>();
        for (TlsConfig.KeyPair pair : config.keys()) {
            built.add(context(pair));
        }
        if (built.size() == 1) {
            single = built.get(0);
            contexts = null;
        } else {
            DomainWildcardMappingBuilder<SslContext> names = new DomainWildcardMappingBuilder<>(built.get(0));
            for (int i = 0; i < built.size(); i++) {
                for (String name : names(config.keys().get(i).publicKey())) {
                    names.add(name, built.get(i));
                }
            }
            contexts = names.build();
            single = null;
        }
        stamps = before;
    }

    /** The handler for a new client connection: TLS first, before anything reads a byte. */
    ChannelHandler newHandler(ByteBufAllocator alloc) {
        SslContext one = single;
        return one != null ? one.newHandler(alloc) : new SniHandler(contexts);
    }

    /** Checks the files every few seconds on {@code loop} and reloads what changed. */
    public void watch(EventLoop loop) {
        watch = loop.scheduleWithFixedDelay(this::reloadIfChanged, WATCH_PERIOD_SECONDS, WATCH_PERIOD_SECONDS,
                TimeUnit.SECONDS);
    }

    public void close() {
        if (watch != null) {
            watch.cancel(false);
        }
    }

    /** Reloads when a file's modification time or size changed: what the watcher runs; true when it reloaded. */
    public boolean reloadIfChanged() {
        if (stamps().equals(stamps)) {
            return false;
        }
        try {
            reload();
            LOG.info("reloaded the TLS certificates (" + config.keys().size() + " key pair(s)); new connections use "
                    + "them");
            return true;
        } catch (IOException | RuntimeException e) {
            stamps = stamps(); // report a broken file once, not every few seconds
            LOG.error("TLS certificates changed but do not load, keeping the previous ones: " + e.getMessage());
            return false;
        }
    }

    private List<Long> stamps() {
        List<Long> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        config.keys().forEach(k -> {
            files.add(k.publicKey());
            files.add(k.privateKey());
        });
        files.addAll(config.caCerts());
        for (Path f : files) {
            try {
                out.add(Files.getLastModifiedTime(f).toMillis() ^ Files.size(f));
            } catch (IOException e) {
                out.add(-1L);
            }
        }
        return out;
    }

    private SslContext context(TlsConfig.KeyPair pair) throws IOException {
        try {
            List<String> ciphers = new ArrayList<>(TlsNames.TLS13_SUITES);
            ciphers.addAll(config.cipherSuites());
            SslContextBuilder b = SslContextBuilder.forServer(pair.publicKey().toFile(), pair.privateKey().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(config.protocols())
                    .ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_1_1));
            if (config.mtls()) {
                b.clientAuth(ClientAuth.REQUIRE).trustManager(clientTrust());
            }
            return b.build();
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException("cannot load the key pair " + pair.publicKey() + " / " + pair.privateKey() + ": "
                    + rootMessage(e), e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the client certificate trust: " + rootMessage(e), e);
        }
    }

    /** lura's pool: system CAs (unless disabled), ca_certs, and the gateway's own certificates. */
    private TrustManagerFactory clientTrust() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        if (config.systemCaPool()) {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            for (var tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + n++, ca);
                    }
                }
            }
        }
        List<Path> files = new ArrayList<>(config.caCerts());
        config.keys().forEach(k -> files.add(k.publicKey()));
        for (Path f : files) {
            for (Certificate c : certificates(f)) {
                store.setCertificateEntry("ca-" + n++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf;
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(file + " is not a PEM certificate file: " + rootMessage(e), e);
        }
    }

    /** The DNS names a certificate serves (its SANs, else its CN), for SNI. */
    private static List<String> names(Path certFile) throws IOException {
        List<String> out = new ArrayList<>();
        Certificate first = certificates(certFile).iterator().next();
        if (first instanceof X509Certificate x509) {
            try {
                if (x509.getSubjectAlternativeNames() != null) {
                    for (List<?> san : x509.getSubjectAlternativeNames()) {
                        if (Integer.valueOf(2).equals(san.get(0))) {
                            out.add(String.valueOf(san.get(1)));
                        }
                    }
                }
            } catch (java.security.cert.CertificateParsingException e) {
                throw new IOException(certFile + ": " + rootMessage(e), e);
            }
            if (out.isEmpty()) {
                String dn = x509.getSubjectX500Principal().getName();
                for (String part : dn.split(",")) {
                    if (part.startsWith("CN=")) {
                        out.add(part.substring(3));
                    }
                }
            }
        }
        return out;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
