package dev.tollgate.bench.load;

import dev.tollgate.bench.support.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a result needs next to it to mean anything: machine, JDK, date, command line, effective settings. */
final class Environment {
    private Environment() {
    }

    static Map<String, String> describe(String commandLine, HarnessOptions options) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        env.put("cpu", cpuModel());
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("transport", Transport.name());
        env.put("proxy_jar", options.noProxy() ? "-" : options.proxyJar().toString());
        env.put("command", "java -cp proxy-bench/target/benchmarks.jar " + LoadHarness.class.getName()
                + (commandLine.isEmpty() ? "" : " " + commandLine));
        return env;
    }

    static Map<String, String> settings(HarnessOptions o) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("modes", o.modes().stream().map(LoadSpec.Mode::label).toList().toString());
        s.put("rate", Integer.toString(o.rate()));
        s.put("connections", Integer.toString(o.connections()));
        s.put("duration_ms", Long.toString(o.durationMillis()));
        s.put("warmup_ms", Long.toString(o.warmupMillis()));
        s.put("rounds", Integer.toString(o.rounds()));
        s.put("payload_bytes", Integer.toString(o.payload()));
        s.put("timeout_ms", Long.toString(o.timeoutMillis()));
        s.put("client_threads", Integer.toString(o.clientThreads()));
        s.put("origin_threads", Integer.toString(o.originThreads()));
        s.put("token_lifetime_s", Integer.toString(o.tokenLifetimeSeconds()));
        s.put("refresh_margin_s", Integer.toString(o.refreshMarginSeconds()));
        s.put("proxy_jvm_options", String.join(" ", o.proxyJvmOptions()));
        s.put("peers", o.peers().stream().map(dev.tollgate.bench.peer.Peer::label).toList().toString());
        s.put("https", Boolean.toString(o.https()));
        s.put("payload_sweep_bytes", o.payloadSweep().toString());
        s.put("idle_connections", Integer.toString(o.idleConnections()));
        s.put("endpoints", Integer.toString(o.endpoints()));
        s.put("credential_sets", Integer.toString(o.credentialSets()));
        return s;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it unknown
        }
        return System.getProperty("os.arch");
    }
}
