package dev.tollgate.bench.load;

import dev.tollgate.bench.peer.Peer;
import dev.tollgate.bench.support.Args;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The load harness's command line, parsed once into an immutable record. See {@link #USAGE}. */
record HarnessOptions(
        int rate, int connections, long durationMillis, long warmupMillis, int rounds, int payload,
        List<LoadSpec.Mode> modes, List<Target> externalTargets, Path proxyJar, boolean proxyJarGiven,
        boolean noProxy, Path out, int tokenLifetimeSeconds, int refreshMarginSeconds, int clientThreads,
        int originThreads, int originPort, int idpPort, int proxyPort, List<String> proxyJvmOptions,
        long timeoutMillis, boolean help, int metricsPort, boolean accessLog, List<Peer> peers, boolean https,
        List<Integer> payloadSweep, int idleConnections, int endpoints, int credentialSets,
        List<Path> peerSearchPath) {

    static final String USAGE = String.join("\n",
            "Usage: java -cp proxy-bench/target/benchmarks.jar dev.tollgate.bench.load.LoadHarness [options]",
            "",
            "Starts an origin, a token endpoint and the Tollgate proxy as separate JVMs and measures, in interleaved",
            "rounds (A B C A B C ...), the origin directly, the proxy without auth and the proxy with",
            "auth/client-credentials, and (--peers) HAProxy and nginx in front of the same origin. Traffic goes to",
            "127.0.0.1 only.",
            "",
            "Load:",
            "  --rate N             open model: requests/s over all connections (default 2000)",
            "  --connections N      keep-alive connections, one request in flight each (default 16)",
            "  --duration D         measured time per target, per round and per mode (default 2s)",
            "  --warmup D           unmeasured load per target before the first round, in two interleaved",
            "                       passes (default 5s)",
            "  --rounds N           interleaved rounds (default 3)",
            "  --mode M             open | closed | both (default both)",
            "  --timeout D          a response slower than this is a timeout error (default 10s)",
            "  --client-threads N   load generator event loops (default 1)",
            "Targets and helpers:",
            "  --payload BYTES      origin response body size (default 1024)",
            "  --payloads LIST      a sweep of body sizes, e.g. 1024,65536,1048576: every no-op target is measured",
            "                       at each size (names get a -1k/-64k/-1m suffix), the report adds MiB/s",
            "  --peers LIST         haproxy,nginx: start these from their installed binaries with a generated",
            "                       config (nbthread/worker_processes = cores, keep-alive to the origin) and",
            "                       measure them in the same rounds: <peer> (no auth) and <peer>-cc (a static",
            "                       Authorization header set). Not installed: skipped with a message. Default none",
            "  --peer-path DIRS     where to look for the peers' binaries, ':'-separated (default: PATH, then",
            "                       /usr/sbin, /usr/local/sbin, /sbin)",
            "  --https              also serve Tollgate over HTTPS (a top-level tls block, a certificate made at",
            "                       start) and measure proxy-tls, proxy-cc-tls (and <peer>-tls, <peer>-cc-tls)",
            "  --idle-connections N before the rounds, open N idle keep-alive connections (one request each) to",
            "                       each proxy process in turn and record its RSS before, with them, and per",
            "                       connection; they are closed again before the rounds (default 0)",
            "  --endpoints N        the generated krakend.json has N endpoints: filler ones first, the measured",
            "                       ones last (default: only the measured ones)",
            "  --credential-sets N  N client-credentials backends with distinct client_ids; target proxy-sets",
            "                       spreads its load over them; token requests are counted per client (default 0)",
            "  --target URL         also measure this URL (e.g. another proxy in front of the origin; repeatable;",
            "                       NAME=URL names it). Use --origin-port to give that proxy a fixed origin.",
            "  --proxy-jar PATH     Tollgate fat jar (default proxy-server/target/proxy-server.jar)",
            "  --no-proxy           do not start Tollgate; measure the origin and --target URLs only",
            "  --proxy-jvm-opts S   JVM options for the proxy, space separated (default: none)",
            "  --token-lifetime S   expires_in the token endpoint hands out, in seconds (default 15)",
            "  --refresh-margin S   how long before expiry the proxy refreshes, to compute the expected number",
            "                       of token requests (default 10, Tollgate's and KrakenD's default)",
            "  --origin-threads N   origin event loops (default 1)",
            "  --origin-port P, --idp-port P, --proxy-port P   fixed ports (default: free ones)",
            "  --metrics-port P     serve the proxy's Prometheus metrics there (telemetry/opentelemetry; default",
            "                       off), to measure what metrics cost",
            "  --access-log         leave the proxy's access log on (KrakenD's default; the harness turns it off",
            "                       because the peers it is compared with log nothing)",
            "Output:",
            "  --out DIR            results directory (default bench-results): results.json, *.hlog",
            "                       (nanoseconds), latency-<mode>.svg, report.html, krakend.json, helper logs",
            "  --help               this text",
            "Durations: 3s, 500ms, 1m (a bare number is seconds).");

    private static final Set<String> WITH_VALUE = Set.of("rate", "connections", "duration", "warmup", "rounds",
            "payload", "mode", "target", "proxy-jar", "out", "token-lifetime", "refresh-margin", "client-threads",
            "origin-threads", "origin-port", "idp-port", "proxy-port", "proxy-jvm-opts", "timeout", "metrics-port", "payloads", "peers",
            "idle-connections", "endpoints", "credential-sets", "peer-path");
    private static final Set<String> FLAGS = Set.of("no-proxy", "help", "access-log", "https");

    static HarnessOptions parse(String[] argv) {
        Args args = Args.parse(argv, WITH_VALUE, FLAGS);
        List<LoadSpec.Mode> modes = switch (args.string("mode", "both").toLowerCase(Locale.ROOT)) {
            case "open" -> List.of(LoadSpec.Mode.OPEN);
            case "closed" -> List.of(LoadSpec.Mode.CLOSED);
            case "both" -> List.of(LoadSpec.Mode.OPEN, LoadSpec.Mode.CLOSED);
            default -> throw new IllegalArgumentException("--mode: " + args.string("mode", "")
                    + " (expected: open, closed or both)");
        };
        List<String> jvm = new ArrayList<>();
        for (String option : args.string("proxy-jvm-opts", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                jvm.add(option);
            }
        }
        HarnessOptions options = new HarnessOptions(
                args.integer("rate", 2000), args.integer("connections", 16), args.millis("duration", 2000),
                args.millis("warmup", 5000), args.integer("rounds", 3), args.integer("payload", 1024), modes,
                externalTargets(args.all("target")),
                Path.of(args.string("proxy-jar", "proxy-server/target/proxy-server.jar")), args.has("proxy-jar"),
                args.has("no-proxy"), Path.of(args.string("out", "bench-results")),
                args.integer("token-lifetime", 15), args.integer("refresh-margin", 10),
                args.integer("client-threads", 1), args.integer("origin-threads", 1), args.integer("origin-port", 0),
                args.integer("idp-port", 0), args.integer("proxy-port", 0), List.copyOf(jvm),
                args.millis("timeout", 10_000), args.has("help"), args.integer("metrics-port", 0),
                args.has("access-log"), Peer.parseList(args.string("peers", "")), args.has("https"),
                sizes(args.string("payloads", "")), args.integer("idle-connections", 0),
                args.integer("endpoints", 0), args.integer("credential-sets", 0),
                args.has("peer-path") ? Peer.searchPath(args.string("peer-path", ""))
                        : Peer.defaultSearchPath(System.getenv("PATH")));
        options.validate();
        return options;
    }

    /** {@code 1024,65536,1048576}: distinct sizes in the order given; empty for no sweep. */
    private static List<Integer> sizes(String spec) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int size;
            try {
                size = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--payloads: " + p + " (expected: sizes in bytes, e.g."
                        + " 1024,65536,1048576)");
            }
            if (size < 0 || size > 64 * 1024 * 1024) {
                throw new IllegalArgumentException("--payloads: " + size + " (expected: 0 to 67108864 bytes)");
            }
            if (!sizes.contains(size)) {
                sizes.add(size);
            }
        }
        return List.copyOf(sizes);
    }

    /** {@code URL} or {@code NAME=URL}; unnamed ones are {@code external}, {@code external-2}, ... */
    private static List<Target> externalTargets(List<String> specs) {
        List<Target> targets = new ArrayList<>();
        int unnamed = 0;
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            boolean named = eq > 0 && !spec.substring(0, eq).contains(":");
            String name = named ? spec.substring(0, eq) : "external" + (unnamed++ == 0 ? "" : "-" + unnamed);
            String url = named ? spec.substring(eq + 1) : spec;
            RequestTemplate.get(url); // refuses anything but loopback http URLs before a process is started
            targets.add(new Target(name, Target.Kind.EXTERNAL, url));
        }
        return List.copyOf(targets);
    }

    private void validate() {
        positive("rate", rate);
        positive("connections", connections);
        positive("rounds", rounds);
        positive("duration", durationMillis);
        positive("timeout", timeoutMillis);
        positive("client-threads", clientThreads);
        positive("origin-threads", originThreads);
        positive("token-lifetime", tokenLifetimeSeconds);
        if (warmupMillis < 0 || payload < 0 || refreshMarginSeconds < 0) {
            throw new IllegalArgumentException("--warmup, --payload and --refresh-margin must be >= 0");
        }
        if (idleConnections < 0 || endpoints < 0 || credentialSets < 0) {
            throw new IllegalArgumentException("--idle-connections, --endpoints and --credential-sets must be >= 0");
        }
        if (credentialSets > 1000 || endpoints > 100_000) {
            throw new IllegalArgumentException("--credential-sets at most 1000, --endpoints at most 100000");
        }
        if (noProxy && (https || endpoints > 0 || credentialSets > 0)) {
            throw new IllegalArgumentException("--https, --endpoints and --credential-sets need the proxy"
                    + " (not --no-proxy)");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: > 0)");
        }
    }

    /** The body sizes measured: the sweep, or the one {@code --payload}. */
    List<Integer> payloadSizes() {
        return payloadSweep.isEmpty() ? List.of(payload) : payloadSweep;
    }

    /** @param expectedBodyBytes the body length a 2xx response must have, or -1 not to check */
    LoadSpec spec(LoadSpec.Mode mode, long millis, long expectedBodyBytes) {
        return new LoadSpec(mode, connections, rate, millis * 1_000_000L, timeoutMillis * 1_000_000L,
                expectedBodyBytes);
    }
}
