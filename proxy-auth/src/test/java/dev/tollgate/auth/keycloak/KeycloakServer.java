package dev.tollgate.auth.keycloak;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak ({@code keycloak-quarkus-dist}, unpacked) started in dev mode on a free loopback port for one
 * test class, and its admin API. Nothing is downloaded: a test finds an installation with {@link #find} or skips.
 *
 * <p>Where it looks, first match wins: {@code -Dkeycloak.home}, {@code $KEYCLOAK_HOME}, then (outside CI only)
 * {@code /work/keycloak/keycloak-*} and {@code ~/keycloak*}. Keycloak 26 needs Java 21+: {@code -Dkeycloak.java.home},
 * {@code $KEYCLOAK_JAVA_HOME}, {@code /usr/lib/jvm/temurin-25-jdk-amd64}, else the JVM running the tests.
 */
final class KeycloakServer implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "tollgate-admin-pw";
    private static final Duration STARTUP = Duration.ofMinutes(4);

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** How to run these tests, for the skip message. */
    static final String HOW = "unpack org.keycloak:keycloak-quarkus-dist (26.x, a zip on Maven Central) and run with"
            + " -Dkeycloak.home=<dir> or KEYCLOAK_HOME=<dir> (a Java 21+ via -Dkeycloak.java.home or"
            + " KEYCLOAK_JAVA_HOME if the test JVM is older)";

    /** The installation to use, or empty (the test then skips). */
    static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getProperty("keycloak.home", System.getenv("KEYCLOAK_HOME"));
        if (explicit != null && !explicit.isBlank()) {
            candidates.add(Path.of(explicit));
        } else if (System.getenv("CI") == null) {
            // Discovery is for a developer's machine; CI runs Keycloak only when told where it is.
            candidates.addAll(children(Path.of("/work/keycloak"), "keycloak-"));
            candidates.addAll(children(Path.of(System.getProperty("user.home")), "keycloak"));
        }
        return candidates.stream().filter(p -> Files.isExecutable(p.resolve("bin/kc.sh"))).findFirst();
    }

    private static List<Path> children(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String javaHome() {
        String explicit = System.getProperty("keycloak.java.home", System.getenv("KEYCLOAK_JAVA_HOME"));
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        return Files.isExecutable(temurin.resolve("bin/java")) ? temurin.toString() : System.getProperty("java.home");
    }

    /** Starts {@code home}'s Keycloak in dev mode and waits until the master realm answers. */
    static KeycloakServer start(Path home, Path workDir) throws Exception {
        int port = freePort();
        Path log = workDir.resolve("keycloak.log");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(),
                "--cache=local", "--db=dev-mem")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", javaHome());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        KeycloakServer server = new KeycloakServer(pb.start(), log, port);
        server.awaitReady();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log
                        + ":\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/realms/master")))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Keycloak did not start within " + STARTUP + "; see " + log + ":\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Creates a realm from its JSON representation through the admin API. */
    void createRealm(String realmJson) throws Exception {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(url(
                        "/realms/master/protocol/openid-connect/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + ADMIN
                        + "&password=" + ADMIN_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("admin login: " + token.statusCode() + " " + token.body());
        }
        String access = JSONObjectUtils.parse(token.body()).get("access_token").toString();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url("/admin/realms")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + access)
                .POST(HttpRequest.BodyPublishers.ofString(realmJson)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("create realm: " + created.statusCode() + " " + created.body());
        }
    }

    @Override
    public void close() throws Exception {
        // Our own child (and its children through kc.sh): ended by handle, never by name.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
