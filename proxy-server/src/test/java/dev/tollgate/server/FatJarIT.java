package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as a user runs it, in its own JVM: the quickstart serves, {@code check} and {@code version} answer,
 * and SIGTERM drains an in-flight request before exiting 0. Runs after {@code package} (failsafe).
 */
class FatJarIT {
    private static final Path JAR = Path.of(System.getProperty("proxy.jar", "target/proxy-server.jar"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();
    private Path proxyLog;

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void quickstartServesOutOfTheBox() throws Exception {
        int port = freePort();
        Path config = dir.resolve("quickstart.json");
        Files.writeString(config, Files.readString(Path.of("..", "config-samples", "quickstart.json"))
                .replace("8080", Integer.toString(port)));
        Process proxy = start("run", "-c", config.toString());
        awaitHealthy(port);

        HttpResponse<String> hello = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, hello.statusCode(), hello.body());
        assertTrue(hello.body().contains("/__echo/hello"), hello.body());

        HttpResponse<String> user = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/users/42?fields=name&secret=drop")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, user.statusCode(), user.body());
        assertTrue(user.body().contains("/__echo/accounts/42"), user.body());
        assertTrue(user.body().contains("fields"), user.body());
        assertTrue(!user.body().contains("drop"), "query strings not listed are not forwarded: " + user.body());

        HttpResponse<String> profile = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/profile/42")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, profile.statusCode(), profile.body());
        assertEquals("{\"account\":{\"req_uri\":\"/__echo/accounts/42\"},\"orders\":{\"req_querystring\":"
                + "{\"customer\":[\"42\"]},\"req_uri\":\"/__echo/orders?customer=42\"}}", profile.body(),
                "two backends, each filtered and grouped, merged as KrakenD merges them");
        assertEquals("true", profile.headers().firstValue("X-Krakend-Completed").orElse(null));
        assertEquals("public, max-age=30", profile.headers().firstValue("Cache-Control").orElse(null));

        proxy.destroy(); // SIGTERM
        assertTrue(proxy.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, proxy.exitValue());
    }

    @Test
    void sigtermLetsAnInFlightRequestFinishThenExitsZero() throws Exception {
        try (RecordingOrigin origin = new RecordingOrigin()) {
            origin.delayMillis.set(1500);
            int port = freePort();
            Path config = dir.resolve("slow.json");
            Files.writeString(config, """
                    {"version": 3, "port": %d, "timeout": "10s",
                     "endpoints": [{"endpoint": "/slow", "backend": [{"host": ["%s"], "url_pattern": "/slow"}]}]}
                    """.formatted(port, origin.url()));
            Process proxy = start("run", "-c", config.toString());
            awaitHealthy(port);

            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(origin.requests.poll(10, TimeUnit.SECONDS) != null, "request reached the origin");
            proxy.destroy(); // SIGTERM while the origin is still answering

            assertEquals(200, inFlight.get(15, TimeUnit.SECONDS).statusCode());
            assertTrue(proxy.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, proxy.exitValue());
        }
    }

    @Test
    void httpsBackendsAreVerifiedAgainstTheTrustStoreAndTheHostName() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
        Path trustStore = dir.resolve("trust.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("origin", cert.cert());
        try (var out = Files.newOutputStream(trustStore)) {
            ks.store(out, "changeit".toCharArray());
        }
        try (RecordingOrigin origin = new RecordingOrigin(
                SslContextBuilder.forServer(cert.certificate(), cert.privateKey()).build())) {
            int port = freePort();
            Path config = dir.resolve("https.json");
            Files.writeString(config, """
                    {"version": 3, "port": %d, "timeout": "5s", "output_encoding": "no-op",
                     "endpoints": [
                       {"endpoint": "/named", "backend": [{"host": ["https://localhost:%d"], "url_pattern": "/ok"}]},
                       {"endpoint": "/by-ip", "backend": [{"host": ["https://127.0.0.1:%d"], "url_pattern": "/ok"}]}
                     ]}
                    """.formatted(port, origin.port(), origin.port()));
            start(List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                    "-Djavax.net.ssl.trustStoreType=PKCS12"), "run", "-c", config.toString());
            awaitHealthy(port);

            HttpResponse<String> named = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/named")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, named.statusCode(), named.body());
            assertEquals("/ok", origin.requests.poll(5, TimeUnit.SECONDS).uri());

            // The certificate names localhost, not 127.0.0.1: hostname verification must refuse it.
            HttpResponse<String> byIp = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/by-ip")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(502, byIp.statusCode());
            assertTrue(origin.requests.poll(500, TimeUnit.MILLISECONDS) == null, "nothing sent over a bad TLS session");
            String log = awaitLog("TLS with https://127.0.0.1:" + origin.port() + " failed");
            assertTrue(log.contains("[ENDPOINT: /by-ip]"), log);
        } finally {
            cert.delete();
        }
    }

    /**
     * Lettuce runs from the shaded jar on netty-all 4.2 (its own Netty modules excluded): two instances share one
     * token through a real redis-server, so the identity provider is asked once. Skipped without redis-server.
     */
    @Test
    void twoInstancesShareOneTokenThroughRedis() throws Exception {
        Path redisServer = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin")
                        .split(java.io.File.pathSeparator)).map(d -> Path.of(d, "redis-server"))
                .filter(Files::isExecutable).findFirst().orElse(Path.of("/usr/bin/redis-server"));
        assumeTrue(Files.isExecutable(redisServer), "redis-server is not installed (apt-get install redis-server):"
                + " the fat jar's token cache test is skipped");
        int redisPort = freePort();
        Process redis = new ProcessBuilder(redisServer.toString(), "--port", Integer.toString(redisPort), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(redis);
        awaitListening(redisPort); // an instance that found no Redis at its start would fetch on its own
        MockOAuth2Server idp = new MockOAuth2Server();
        idp.start();
        try (RecordingOrigin origin = new RecordingOrigin()) {
            List<Integer> ports = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int port = freePort();
                Path config = dir.resolve("cache-" + i + ".json");
                Files.writeString(config, """
                        {"version": 3, "port": %d, "timeout": "10s",
                         "extra_config": {"tollgate/token-cache": {"redis_url": "redis://127.0.0.1:%d/0"}},
                         "endpoints": [{"endpoint": "/api", "backend": [{"host": ["%s"], "url_pattern": "/data",
                           "extra_config": {"auth/client-credentials": {"client_id": "jar-client",
                             "client_secret": "jar-secret", "token_url": "%s"}}}]}]}
                        """.formatted(port, redisPort, origin.url(), idp.tokenEndpointUrl("default")));
                start("run", "-c", config.toString());
                logs.add(proxyLog);
                awaitHealthy(port);
                awaitLog("tokens of client_id jar-client");
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, res.statusCode(), res.body() + Files.readString(proxyLog));
                ports.add(port);
            }
            assertTrue(Files.readString(logs.get(0)).contains("reached: instances share their tokens"),
                    Files.readString(logs.get(0)));
            String first = origin.requests.poll(5, TimeUnit.SECONDS).headers().get("Authorization");
            String second = origin.requests.poll(5, TimeUnit.SECONDS).headers().get("Authorization");
            assertTrue(first.startsWith("Bearer "), first);
            assertEquals(first, second, "the second instance adopted the first one's token");
            assertTrue(idp.takeRequest(5, TimeUnit.SECONDS) != null);
            assertThrows(RuntimeException.class, () -> idp.takeRequest(500, TimeUnit.MILLISECONDS),
                    "one token request for both instances");
        } finally {
            idp.shutdown();
        }
    }

    @Test
    void checkAndVersionAnswerFromTheJar() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"version\": 3, \"endpoints\": [{\"endpoint\": \"nope\", \"backend\": []}]}");
        Process check = start("check", "-c", bad.toString());
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, check.exitValue(), out);
        assertTrue(out.contains("endpoints[0].endpoint"), out);
        assertTrue(out.contains("endpoints[0].backend"), out);

        Process version = start("version");
        String v = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(version.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, version.exitValue());
        assertTrue(v.startsWith("tollgate "), v);
    }

    private Process start(String... args) throws IOException {
        return start(List.of(), args);
    }

    private Process start(List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        // A served proxy logs to a file the test can read; one-shot commands are read from the pipe.
        proxyLog = dir.resolve("proxy-" + processes.size() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(args[0].equals("run") ? ProcessBuilder.Redirect.to(proxyLog.toFile())
                        : ProcessBuilder.Redirect.PIPE)
                .start();
        processes.add(p);
        return p;
    }

    /** The served proxy's log once it contains {@code text} (the log is written asynchronously). */
    private String awaitLog(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a loaded CI machine starts JVMs slowly
        String log = "";
        while (System.nanoTime() < deadline) {
            log = Files.readString(proxyLog);
            if (log.contains(text)) {
                return log;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("\"" + text + "\" not logged:\n" + log);
    }

    private void awaitHealthy(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                var res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/__health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("proxy did not become healthy on port " + port);
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (var s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing listens on port " + port + " after 30 s");
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
