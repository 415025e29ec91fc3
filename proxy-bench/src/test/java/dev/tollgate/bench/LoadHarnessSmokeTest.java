package dev.tollgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.bench.load.LoadHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole load harness for a few seconds: real helper JVMs, real sockets, the proxy too when its fat jar has
 * been built. Asserts only that it runs and reports, never how fast anything is.
 */
class LoadHarnessSmokeTest {
    private static final Path PROXY_JAR = Path.of("../proxy-server/target/proxy-server.jar");

    @Test
    @Timeout(120)
    void runsAndWritesEveryReport(@TempDir Path out) throws IOException {
        boolean withProxy = proxyJarRunnable();
        List<String> args = new ArrayList<>(List.of("--out", out.toString(), "--duration", "500ms",
                "--warmup", "0", "--rounds", "1", "--rate", "200", "--connections", "2", "--mode", "both"));
        if (withProxy) {
            args.addAll(List.of("--proxy-jar", PROXY_JAR.toString()));
        } else {
            args.add("--no-proxy");
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
            status = LoadHarness.run(args.toArray(new String[0]), print);
        }
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed);
        assertTrue(printed.contains("p99 ms"), printed);

        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"target\" : \"direct\""), json);
        assertTrue(json.contains("\"throughput_rps\""), json);
        for (String file : List.of("report.html", "latency-open.svg", "latency-closed.svg", "direct-open.hlog",
                "direct-closed.hlog", "krakend.json")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        if (withProxy) {
            assertTrue(json.contains("\"target\" : \"proxy-cc\""), json);
            assertTrue(json.contains("\"token_requests_per_lifetime\""), json);
            // the JWT endpoint answered the bench token: every request 2xx with the origin's body
            for (String mode : List.of("open", "closed")) {
                String jwt = block(json, "proxy-jwt", mode);
                assertTrue(jwt.contains("\"non_2xx\" : 0,") && jwt.contains("\"bad_body\" : 0,"), jwt);
            }
            assertTrue(Files.size(out.resolve("jwks.json")) > 0);
        }
    }

    @Test
    @Timeout(120)
    void aPeerThatIsNotInstalledIsSkippedWithOneLineSayingHowToInstallIt(@TempDir Path out) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
            status = LoadHarness.run(new String[] {"--out", out.toString(), "--no-proxy", "--duration", "300ms",
                    "--warmup", "0", "--rounds", "1", "--mode", "closed", "--connections", "1", "--peers",
                    "haproxy,nginx", "--peer-path", out.resolve("no-binaries-here").toString()}, print);
        }
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed);
        assertTrue(printed.contains("peer haproxy: not installed") && printed.contains("apt-get install haproxy"),
                printed);
        assertTrue(printed.contains("peer nginx: not installed"), printed);
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"peer nginx: not installed"), json);
        assertTrue(!json.contains("\"target\" : \"haproxy\""), "no target for a skipped peer");
    }

    @Test
    void helpExplainsTheOptions() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(stdout, true, StandardCharsets.UTF_8)) {
            assertEquals(0, LoadHarness.run(new String[] {"--help"}, print));
        }
        String help = stdout.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--rate", "--connections", "--duration", "--warmup", "--rounds", "--payload",
                "--mode", "--target", "--proxy-jar", "--out")) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void refusesNonLoopbackTargetsAndUnknownOptions() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, LoadHarness.run(new String[] {"--bogus"}, quiet));
        assertEquals(2, LoadHarness.run(new String[] {"--no-proxy", "--warmup", "0", "--rounds", "1",
                "--target", "http://192.0.2.1/x", "--out", "target/refused"}, quiet));
    }

    /** The results.json object of one target in one load model. */
    private static String block(String json, String target, String mode) {
        int at = -1;
        while ((at = json.indexOf("\"target\" : \"" + target + "\"", at + 1)) >= 0) {
            int end = json.indexOf("\"target\" : ", at + 1);
            String block = json.substring(at, end < 0 ? json.length() : end);
            if (block.contains("\"mode\" : \"" + mode + "\"")) {
                return block;
            }
        }
        throw new AssertionError("no " + target + " " + mode + " in " + json);
    }

    /** The jar exists and has the server's main class (the skeleton's jar has none). */
    private static boolean proxyJarRunnable() throws IOException {
        if (!Files.isRegularFile(PROXY_JAR)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(PROXY_JAR.toFile())) {
            return zip.getEntry("dev/tollgate/server/Main.class") != null;
        }
    }
}
