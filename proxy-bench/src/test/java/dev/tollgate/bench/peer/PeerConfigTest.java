package dev.tollgate.bench.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated peer configurations say what the harness promises (threads, keep-alive, the static header on the
 * -cc route only, the same paths as Tollgate's), and where HAProxy or nginx is installed, the binary itself accepts
 * the file ({@code haproxy -c}, {@code nginx -t}): a config the peer refuses would only show up as a failed run.
 */
class PeerConfigTest {
    private static final List<PeerRoute> ROUTES = List.of(
            new PeerRoute("/bench/plain", "/payload", null),
            new PeerRoute("/bench/cc", "/payload", PeerRoutes.STATIC_BEARER));

    @TempDir
    Path dir;

    private PeerSetup setup(int tlsPort) {
        return new PeerSetup(18083, tlsPort, tlsPort > 0 ? dir.resolve("tls.pem") : null,
                tlsPort > 0 ? dir.resolve("tls-key.pem") : null, 18080, ROUTES, 2, 4000, dir, 20000);
    }

    @Test
    void haproxyConfigHasTheTuningAndTheStaticHeaderOnTheCcRouteOnly() {
        String cfg = Peer.HAPROXY.config(setup(0));
        for (String line : List.of("nbthread 2", "maxconn 4000", "http-reuse always", "option http-keep-alive",
                "bind 127.0.0.1:18083", "server origin 127.0.0.1:18080",
                "http-request return status 404 unless { path /bench/plain /bench/cc }",
                "http-request set-header Authorization \"" + PeerRoutes.STATIC_BEARER + "\" if { path /bench/cc }",
                "http-request set-path /payload if { path /bench/plain }")) {
            assertTrue(cfg.contains(line), line + " in\n" + cfg);
        }
        assertEquals(1, cfg.split("set-header Authorization", -1).length - 1, cfg);
        // the header is set while the path is still the client's
        assertTrue(cfg.indexOf("set-header Authorization") < cfg.indexOf("set-path"), cfg);
        assertFalse(cfg.contains("ssl"), "no TLS listener without a TLS port");
        assertFalse(cfg.contains("ulimit-n"), "4000 connections fit in 20000 files");
        String idle = Peer.HAPROXY.config(new PeerSetup(18083, 0, null, null, 18080, ROUTES, 2, 10288, dir, 20000));
        assertTrue(idle.contains("ulimit-n 20000\n    no strict-limits"), "10000 idle connections need one file"
                + " each, not the two HAProxy reserves: " + idle);
        assertTrue(Peer.HAPROXY.config(setup(18084)).contains("bind 127.0.0.1:18084 ssl crt " + dir.resolve("tls.pem")
                + " ssl-min-ver TLSv1.3 alpn http/1.1"));
    }

    @Test
    void nginxConfigKeepsUpstreamConnectionsAliveAndWritesOnlyIntoTheResultsDir() {
        String cfg = Peer.NGINX.config(setup(0));
        String d = dir.toAbsolutePath().toString();
        for (String line : List.of("worker_processes 2;", "keepalive 64;", "proxy_http_version 1.1;",
                "proxy_set_header Connection \"\";", "access_log off;", "listen 127.0.0.1:18083;",
                "server 127.0.0.1:18080;", "pid " + d + "/nginx.pid;", "error_log " + d + "/nginx-error.log",
                "proxy_temp_path " + d + "/nginx-temp/proxy;", "location = /bench/plain {",
                "location = /bench/cc {", "proxy_pass http://origin/payload;",
                "proxy_set_header Authorization \"" + PeerRoutes.STATIC_BEARER + "\";")) {
            assertTrue(cfg.contains(line), line + " in\n" + cfg);
        }
        assertEquals(1, cfg.split("proxy_set_header Authorization", -1).length - 1, cfg);
        // a location that sets a header inherits none: each one repeats the Connection header
        assertEquals(2, cfg.split("proxy_set_header Connection", -1).length - 1, cfg);
        assertTrue(Peer.NGINX.config(setup(18084)).contains("listen 127.0.0.1:18084 ssl;"));
    }

    @Test
    void theInstalledBinariesAcceptTheGeneratedConfigs() throws Exception {
        for (Peer peer : Peer.values()) {
            Optional<Path> binary = peer.locate(Peer.defaultSearchPath(System.getenv("PATH")));
            if (binary.isEmpty()) {
                continue; // nothing to ask; the configs' content is checked above
            }
            Files.createDirectories(dir.resolve("nginx-temp"));
            Path config = dir.resolve(peer.configFile());
            Files.writeString(config, peer.config(setup(0)));
            List<String> command = peer == Peer.HAPROXY
                    ? List.of(binary.get().toString(), "-c", "-f", config.toString())
                    : List.of(binary.get().toString(), "-t", "-p", dir + "/", "-e", dir.resolve("e.log").toString(),
                            "-c", config.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), peer + ": " + output);
        }
    }

    @Test
    void aMissingBinaryIsNotFoundAndTheSkipLineSaysHowToInstallIt() throws Exception {
        assertEquals(Optional.empty(), Peer.HAPROXY.locate(List.of(dir)));
        assertTrue(Peer.NGINX.skipMessage().contains("apt-get install nginx"), Peer.NGINX.skipMessage());
        assertTrue(Peer.HAPROXY.skipMessage().startsWith("peer haproxy: not installed"));
        Path fake = Files.createFile(dir.resolve("haproxy"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(Optional.of(fake), Peer.HAPROXY.locate(List.of(dir.resolve("missing"), dir)));
    }

    @Test
    void peerNamesParseAndRoutesRefuseWhatCouldBreakAConfigFile() {
        assertEquals(List.of(Peer.HAPROXY, Peer.NGINX), Peer.parseList("haproxy, NGINX,haproxy"));
        assertEquals(List.of(), Peer.parseList(""));
        assertEquals(List.of(), Peer.parseList("none"));
        assertThrows(IllegalArgumentException.class, () -> Peer.parseList("envoy"));
        assertThrows(IllegalArgumentException.class, () -> new PeerRoute("/x;", "/payload", null));
        assertThrows(IllegalArgumentException.class, () -> new PeerRoute("/x", "/payload", "Bearer \"x"));
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), Peer.searchPath("/a::/b"));
    }
}
