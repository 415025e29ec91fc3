package dev.tollgate.core.gateway;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.TlsConfig;
import dev.tollgate.core.config.TlsNames;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS on the listener with certificates made at test time: handshake, versions, mTLS, reload (also under load). */
class HttpsFrontTest {
    private static TestOrigin origin;
    private static SelfSignedCertificate server;
    private static SelfSignedCertificate client;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        origin = TestOrigin.ok();
        server = new SelfSignedCertificate("localhost");
        client = new SelfSignedCertificate("a-client");
    }

    @AfterAll
    static void stop() {
        origin.close();
        server.delete();
        client.delete();
    }

    private static TlsConfig tls(Path cert, Path key, List<String> protocols, boolean mtls, List<Path> cas) {
        return new TlsConfig(List.of(new TlsConfig.KeyPair(cert, key)), protocols, TlsNames.DEFAULT_CIPHER_SUITES,
                List.of(), mtls, cas, false);
    }

    private static Gateway gateway(TlsConfig tls) throws InterruptedException {
        return Gateway.start(TestConfigs.gateway().tls(tls).endpoint(endpoint("/x", origin.url(), "/x")).build(),
                List.of());
    }

    private static SSLContext clientContext(List<X509Certificate> trusted) throws Exception {
        return clientContext(trusted, null);
    }

    private static SSLContext clientContext(X509Certificate trusted, SelfSignedCertificate own) throws Exception {
        return clientContext(List.of(trusted), own);
    }

    private static SSLContext clientContext(List<X509Certificate> trusted, SelfSignedCertificate own)
            throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
            trust.setCertificateEntry("server-" + i, trusted.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (own != null) {
            KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
            keys.load(null, null);
            keys.setKeyEntry("me", own.key(), new char[0], new java.security.cert.Certificate[] {own.cert()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** One GET over a fresh TLS connection; the status line and the certificate the gateway showed. */
    private static String[] get(int port, SSLContext ctx, String protocol) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            if (protocol != null) {
                s.setEnabledProtocols(new String[] {protocol});
            }
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write("GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            X509Certificate shown = (X509Certificate) s.getSession().getPeerCertificates()[0];
            return new String[] {text.substring(0, text.indexOf("\r\n")), shown.getSerialNumber().toString(),
                    s.getSession().getProtocol()};
        }
    }

    @Test
    void servesHttpsWithTls13ByDefaultAsLuraDoes() throws Exception {
        Gateway g = gateway(tls(server.certificate().toPath(), server.privateKey().toPath(), List.of("TLSv1.3"),
                false, List.of()));
        try {
            String[] r = get(g.port(), clientContext(server.cert(), null), null);
            assertEquals("HTTP/1.1 200 OK", r[0]);
            assertEquals("TLSv1.3", r[2]);
            assertThrows(SSLHandshakeException.class, () -> get(g.port(), clientContext(server.cert(), null),
                    "TLSv1.2"), "a version outside min..max is refused");
        } finally {
            g.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void mtlsRequiresAClientCertificateTheGatewayTrusts() throws Exception {
        Gateway g = gateway(tls(server.certificate().toPath(), server.privateKey().toPath(),
                List.of("TLSv1.2", "TLSv1.3"), true, List.of(client.certificate().toPath())));
        try {
            assertEquals("HTTP/1.1 200 OK", get(g.port(), clientContext(server.cert(), client), null)[0]);
            SelfSignedCertificate stranger = new SelfSignedCertificate("stranger");
            try {
                assertThrows(IOException.class, () -> get(g.port(), clientContext(server.cert(), stranger), null),
                        "a certificate nobody trusts is refused");
            } finally {
                stranger.delete();
            }
            assertThrows(IOException.class, () -> get(g.port(), clientContext(server.cert(), null), null),
                    "no certificate is refused");
        } finally {
            g.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void changedCertificateFilesServeNewConnections() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.copy(server.certificate().toPath(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(server.privateKey().toPath(), key, StandardCopyOption.REPLACE_EXISTING);
        dev.tollgate.core.server.ServerTls tls = dev.tollgate.core.server.ServerTls.load(tls(cert, key,
                List.of("TLSv1.3"), false, List.of()));
        SelfSignedCertificate next = new SelfSignedCertificate("localhost");
        try {
            assertTrue(!reload(tls), "nothing changed");
            Files.copy(next.certificate().toPath(), cert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(next.privateKey().toPath(), key, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(cert, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                    + 10_000));
            assertTrue(reload(tls), "a changed file is loaded");
            Files.writeString(key, "not a key");
            Files.setLastModifiedTime(key, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                    + 20_000));
            assertTrue(!reload(tls), "a broken file keeps the previous certificates");
        } finally {
            next.delete();
        }
        assertNotEquals(server.cert().getSerialNumber(), next.cert().getSerialNumber());
    }

    /**
     * The gateway's own file watch under load: new TLS connections back to back on two threads and one keep-alive
     * connection opened before the swap, while the certificate files are replaced. No request fails, new
     * connections get the new certificate, and the connection opened before goes on with the old one.
     */
    @Test
    void aCertificateReloadUnderLoadFailsNoRequest() throws Exception {
        Path cert = dir.resolve("live-cert.pem");
        Path key = dir.resolve("live-key.pem");
        Files.copy(server.certificate().toPath(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(server.privateKey().toPath(), key, StandardCopyOption.REPLACE_EXISTING);
        SelfSignedCertificate next = new SelfSignedCertificate("localhost");
        Gateway g = gateway(tls(cert, key, List.of("TLSv1.3"), false, List.of()));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Queue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.Set<String> serials = java.util.concurrent.ConcurrentHashMap.newKeySet();
        String oldSerial = server.cert().getSerialNumber().toString();
        String newSerial = next.cert().getSerialNumber().toString();
        SSLContext trustsBoth = clientContext(List.of(server.cert(), next.cert()));
        List<Thread> load = new java.util.ArrayList<>();
        try (SSLSocket kept = (SSLSocket) trustsBoth.getSocketFactory().createSocket("127.0.0.1", g.port())) {
            kept.setSoTimeout(5000);
            assertEquals("HTTP/1.1 200 OK", keepAliveGet(kept));
            for (int t = 0; t < 2; t++) {
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            String[] r = get(g.port(), trustsBoth, null);
                            if (r[0].equals("HTTP/1.1 200 OK")) {
                                ok.incrementAndGet();
                                serials.add(r[1]);
                            } else {
                                failures.add(r[0]);
                            }
                        } catch (IOException e) {
                            failures.add(e.toString());
                        }
                    }
                });
                thread.start();
                load.add(thread);
            }
            Thread.sleep(300);
            Files.copy(next.certificate().toPath(), cert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(next.privateKey().toPath(), key, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(cert, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                    + 10_000));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!serials.contains(newSerial) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300); // and some more requests on the new certificate
            stop.set(true);
            for (Thread thread : load) {
                thread.join(10_000);
            }
            assertEquals(List.of(), List.copyOf(failures), "no request failed across the reload");
            assertTrue(serials.containsAll(List.of(oldSerial, newSerial)), serials + " after " + ok + " requests");
            assertEquals("HTTP/1.1 200 OK", keepAliveGet(kept), "the connection opened before is not dropped");
            assertEquals(oldSerial, ((X509Certificate) kept.getSession().getPeerCertificates()[0])
                    .getSerialNumber().toString());
        } finally {
            stop.set(true);
            g.shutdown(Duration.ofSeconds(1));
            next.delete();
        }
    }

    /** One GET on a kept-alive TLS connection: the status line, the body read by its Content-Length. */
    private static String keepAliveGet(SSLSocket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write("GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        String text = head.toString();
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return text.substring(0, text.indexOf("\r\n"));
    }

    private static boolean reload(dev.tollgate.core.server.ServerTls tls) {
        return tls.reloadIfChanged();
    }

    @Test
    void aKeyThatDoesNotLoadStopsTheStartSayingWhich() throws Exception {
        Path bad = dir.resolve("bad-key.pem");
        Files.writeString(bad, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        GatewayStartException e = assertThrows(GatewayStartException.class, () -> gateway(tls(
                server.certificate().toPath(), bad, List.of("TLSv1.3"), false, List.of())));
        assertTrue(e.getMessage().startsWith("cannot serve HTTPS: cannot load the key pair"), e.getMessage());
        assertTrue(e.getMessage().contains("bad-key.pem"), e.getMessage());
    }
}
