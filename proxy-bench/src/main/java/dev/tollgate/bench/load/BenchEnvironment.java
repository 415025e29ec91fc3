package dev.tollgate.bench.load;

import dev.tollgate.bench.idp.TokenEndpoint;
import dev.tollgate.bench.origin.OriginServer;
import dev.tollgate.bench.peer.Peer;
import dev.tollgate.bench.peer.PeerRoute;
import dev.tollgate.bench.peer.PeerRoutes;
import dev.tollgate.bench.peer.PeerSetup;
import dev.tollgate.bench.process.ChildProcess;
import dev.tollgate.bench.tls.BenchCertificate;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The processes under measurement: the origin, the token endpoint and (unless disabled or its jar is missing) the
 * Tollgate proxy running a generated {@code krakend.json}, each its own JVM; with {@code --https} a second Tollgate
 * serving the same endpoints over TLS; with {@code --peers} HAProxy and nginx from their installed binaries, each
 * on a generated config. {@link #close} ends them all and is safe to call from a shutdown hook at any point, also
 * while they are still starting.
 */
final class BenchEnvironment implements AutoCloseable {
    private static final List<String> HELPER_JVM = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The bench token's lifetime: longer than any run, so it never expires under measurement. */
    private static final long TOKEN_LIFETIME_SECONDS = 24 * 3600;
    static final String PROXY = "proxy";
    static final String PROXY_TLS = "proxy-tls";

    private final HarnessOptions options;
    private final PrintStream log;
    private final List<ChildProcess> started = new CopyOnWriteArrayList<>();
    /** Harness-started processes a target's CPU and memory are read from, by name. */
    private final Map<String, ChildProcess> measured = new LinkedHashMap<>();
    private final Map<Peer, int[]> peerPorts = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> peerVersions = new LinkedHashMap<>();
    private ControlClient control;
    private BenchCertificate certificate;
    private int originPort;
    private int idpPort;
    private int proxyPort;
    private int proxyTlsPort;
    private ChildProcess proxy;

    BenchEnvironment(HarnessOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
        this.control = new ControlClient();
    }

    /** Starts the helpers and waits until each is ready. */
    void start() throws IOException, InterruptedException {
        Path out = options.out();
        List<String> originArgs = new ArrayList<>(List.of("--port", Integer.toString(options.originPort()),
                "--payload", Integer.toString(options.payload()), "--threads",
                Integer.toString(options.originThreads())));
        if (!options.payloadSweep().isEmpty()) {
            originArgs.addAll(List.of("--sizes", options.payloadSweep().stream().map(String::valueOf)
                    .collect(Collectors.joining(","))));
        }
        ChildProcess origin = launch("origin", ChildProcess.javaMain(HELPER_JVM, OriginServer.class.getName(),
                originArgs), out.resolve("origin.log"));
        ChildProcess idp = launch("token-endpoint", ChildProcess.javaMain(HELPER_JVM, TokenEndpoint.class.getName(),
                List.of("--port", Integer.toString(options.idpPort()), "--expires-in",
                        Integer.toString(options.tokenLifetimeSeconds()), "--credential-sets",
                        Integer.toString(options.credentialSets()))), out.resolve("token-endpoint.log"));
        originPort = origin.awaitListening(START_TIMEOUT);
        idpPort = idp.awaitListening(START_TIMEOUT);
        log.printf("origin      pid %d  http://127.0.0.1:%d%s  payload %d B%s%n", origin.pid(), originPort,
                BenchConfig.ORIGIN_PATH, options.payload(), options.payloadSweep().isEmpty() ? ""
                        : ", sweep " + options.payloadSweep() + " on " + BenchConfig.ORIGIN_PATH + "/<size>");
        log.printf("token idp   pid %d  http://127.0.0.1:%d/token  expires_in %ds%n", idp.pid(), idpPort,
                options.tokenLifetimeSeconds());
        if (options.https()) {
            certificate = BenchCertificate.generate(out);
            control = new ControlClient(certificate.clientContext());
            log.println("tls         self-signed EC P-256 certificate for localhost/127.0.0.1: " + certificate.certificate());
        }

        proxyPort = options.proxyPort() > 0 ? options.proxyPort() : freePort();
        Path jwks = out.resolve("jwks.json");
        Files.writeString(jwks, BenchToken.jwks());
        BenchConfig.Layout layout = new BenchConfig.Layout(options.payloadSweep(), options.endpoints(),
                options.credentialSets(), null, null);
        Path config = out.resolve("krakend.json");
        Files.writeString(config, BenchConfig.krakendJson(proxyPort, originPort, idpPort, jwks,
                options.metricsPort(), options.accessLog(), layout));
        if (startsProxy()) {
            proxy = startTollgate(PROXY, config, out.resolve("proxy.log"), "http://127.0.0.1:" + proxyPort);
            if (certificate != null) {
                proxyTlsPort = freePort();
                Path tlsConfig = out.resolve("krakend-tls.json");
                // the metrics port belongs to the plain proxy; the TLS one serves none
                Files.writeString(tlsConfig, BenchConfig.krakendJson(proxyTlsPort, originPort, idpPort, jwks, 0,
                        options.accessLog(), layout.withTls(certificate.certificate(), certificate.key())));
                startTollgate(PROXY_TLS, tlsConfig, out.resolve("proxy-tls.log"), "https://127.0.0.1:"
                        + proxyTlsPort);
            }
        }
        for (Peer peer : options.peers()) {
            startPeer(peer);
        }
    }

    private ChildProcess startTollgate(String name, Path config, Path logFile, String base)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(options.proxyJvmOptions());
        command.addAll(List.of("-jar", options.proxyJar().toString(), "run", "-c", config.toString()));
        ChildProcess process = launch(name, command, logFile);
        control.awaitOk(base + "/__health", START_TIMEOUT, process::requireAlive);
        measured.put(name, process);
        log.printf("%-11s pid %d  %s  (%s)%n", name, process.pid(), base, options.proxyJar());
        return process;
    }

    /** Starts one peer, or says in one line why it is skipped. */
    private void startPeer(Peer peer) throws IOException, InterruptedException {
        Optional<Path> binary = peer.locate(options.peerSearchPath());
        if (binary.isEmpty()) {
            String message = peer.skipMessage();
            log.println(message);
            notes.add(message);
            return;
        }
        Path out = options.out();
        int port = freePort();
        int tlsPort = certificate == null ? 0 : freePort();
        if (peer == Peer.NGINX) {
            Files.createDirectories(out.resolve("nginx-temp"));
        }
        PeerSetup setup = new PeerSetup(port, tlsPort,
                certificate == null ? null : peer == Peer.HAPROXY ? certificate.combined() : certificate.certificate(),
                certificate == null ? null : certificate.key(), originPort, peerRoutes(),
                Runtime.getRuntime().availableProcessors(), maxPeerConnections(), out, FileLimit.read()[1]);
        Path config = out.resolve(peer.configFile());
        Files.writeString(config, peer.config(setup));
        ChildProcess process = launch(peer.label(), peer.command(binary.get(), config, out),
                out.resolve(peer.label() + ".log"));
        control.awaitOk("http://127.0.0.1:" + port + BenchConfig.plainPath(sizeParam(options.payloadSizes().get(0))),
                START_TIMEOUT, process::requireAlive);
        measured.put(peer.label(), process);
        peerPorts.put(peer, new int[] {port, tlsPort});
        peerVersions.put(peer.label(), Peer.version(binary.get()) + " (" + binary.get() + ")");
        log.printf("%-11s pid %d  http://127.0.0.1:%d%s  (%s, config %s)%n", peer.label(), process.pid(), port,
                tlsPort > 0 ? " https://127.0.0.1:" + tlsPort : "", binary.get(), config);
    }

    /** The load, the idle connections and a margin for pre-flight and control requests. */
    private int maxPeerConnections() {
        return Math.max(4000, options.idleConnections() + 2 * options.connections() + 256);
    }

    /** The paths the Tollgate targets use, mapped to the same origin paths; the "-cc" ones set a static token. */
    private List<PeerRoute> peerRoutes() {
        List<PeerRoute> routes = new ArrayList<>();
        for (int size : options.payloadSizes()) {
            int p = sizeParam(size);
            routes.add(new PeerRoute(BenchConfig.plainPath(p), BenchConfig.originPath(p), null));
            routes.add(new PeerRoute(BenchConfig.clientCredentialsPath(p), BenchConfig.originPath(p),
                    PeerRoutes.STATIC_BEARER));
        }
        return routes;
    }

    /** Whether Tollgate is part of this run; explains on the log why not. */
    private boolean startsProxy() throws IOException {
        if (options.noProxy()) {
            return false;
        }
        if (!Files.isRegularFile(options.proxyJar())) {
            if (options.proxyJarGiven()) {
                throw new IOException("--proxy-jar " + options.proxyJar() + ": no such file");
            }
            log.println("proxy jar " + options.proxyJar() + " not found (build it with mvn -B -DskipTests package);"
                    + " measuring the origin and --target URLs only");
            return false;
        }
        return true;
    }

    /** With a sweep, sizes are in the paths; without, the default paths serve {@code --payload}. */
    private int sizeParam(int size) {
        return options.payloadSweep().isEmpty() ? -1 : size;
    }

    /** {@code -1k}, {@code -64k}, {@code -1m} with a sweep; nothing without. */
    private String suffix(int size) {
        if (options.payloadSweep().isEmpty()) {
            return "";
        }
        return "-" + (size > 0 && size % (1024 * 1024) == 0 ? size / (1024 * 1024) + "m"
                : size > 0 && size % 1024 == 0 ? size / 1024 + "k" : size + "b");
    }

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        String plainBase = "http://127.0.0.1:" + proxyPort;
        String tlsBase = "https://127.0.0.1:" + proxyTlsPort;
        for (int size : options.payloadSizes()) {
            String s = suffix(size);
            int p = sizeParam(size);
            targets.add(target("direct" + s, Target.Kind.DIRECT, "http://127.0.0.1:" + originPort
                    + BenchConfig.originPath(p), null, null, size));
            if (proxy != null) {
                targets.add(target("proxy" + s, Target.Kind.PROXY, plainBase + BenchConfig.plainPath(p), null, PROXY,
                        size));
                targets.add(target("proxy-cc" + s, Target.Kind.PROXY_CLIENT_CREDENTIALS,
                        plainBase + BenchConfig.clientCredentialsPath(p), null, PROXY, size));
            }
            if (measured.containsKey(PROXY_TLS)) {
                targets.add(target("proxy-tls" + s, Target.Kind.PROXY, tlsBase + BenchConfig.plainPath(p), null,
                        PROXY_TLS, size));
                targets.add(target("proxy-cc-tls" + s, Target.Kind.PROXY_CLIENT_CREDENTIALS,
                        tlsBase + BenchConfig.clientCredentialsPath(p), null, PROXY_TLS, size));
            }
            for (Map.Entry<Peer, int[]> peer : peerPorts.entrySet()) {
                String name = peer.getKey().label();
                List<String> bases = new ArrayList<>(List.of("http://127.0.0.1:" + peer.getValue()[0]));
                if (peer.getValue()[1] > 0) {
                    bases.add("https://127.0.0.1:" + peer.getValue()[1]);
                }
                for (String base : bases) {
                    String tls = base.startsWith("https") ? "-tls" : "";
                    targets.add(target(name + tls + s, Target.Kind.PEER, base + BenchConfig.plainPath(p), null, name,
                            size));
                    targets.add(target(name + "-cc" + tls + s, Target.Kind.PEER_STATIC_BEARER,
                            base + BenchConfig.clientCredentialsPath(p), null, name, size));
                }
            }
        }
        if (proxy != null) {
            if (options.credentialSets() > 0) {
                List<String> urls = new ArrayList<>();
                for (int n = 1; n <= options.credentialSets(); n++) {
                    urls.add(plainBase + BenchConfig.credentialSetPath(n));
                }
                targets.add(new Target("proxy-sets", Target.Kind.PROXY_CREDENTIAL_SETS, urls, null, PROXY,
                        options.payload()));
            }
            targets.add(target("proxy-merge", Target.Kind.PROXY_MERGE, plainBase + BenchConfig.MERGE_ENDPOINT, null,
                    PROXY, options.payload()));
            targets.add(target("proxy-jwt", Target.Kind.PROXY_JWT, plainBase + BenchConfig.JWT_ENDPOINT,
                    "Bearer " + BenchToken.sign(System.currentTimeMillis() / 1000, TOKEN_LIFETIME_SECONDS), PROXY,
                    options.payload()));
        }
        targets.addAll(options.externalTargets());
        return targets;
    }

    private static Target target(String name, Target.Kind kind, String url, String authorization, String process,
            int payload) {
        return new Target(name, kind, List.of(url), authorization, process, payload);
    }

    /** @throws IOException with the end of its log if a helper has exited: the figures would mean nothing */
    void requireAlive() throws IOException {
        for (ChildProcess process : started) {
            process.requireAlive();
        }
    }

    /** The Tollgate proxy on plain HTTP, or null. */
    ChildProcess proxy() {
        return proxy;
    }

    /** The measured process called {@code name} ({@link Target#process}), or null. */
    ChildProcess process(String name) {
        return name == null ? null : measured.get(name);
    }

    /** Names of the measured processes (Tollgate, its TLS twin, peers), in start order. */
    List<String> processNames() {
        return List.copyOf(measured.keySet());
    }

    /**
     * One entry per token holder the Tollgate processes run (one per client-credentials set, per process): the
     * seconds its process started after the first proxy's.
     */
    List<Double> tokenHolderDelays() {
        List<Double> delays = new ArrayList<>();
        for (String name : List.of(PROXY, PROXY_TLS)) {
            ChildProcess process = measured.get(name);
            if (process != null) {
                double delay = (proxy.uptime().toMillis() - process.uptime().toMillis()) / 1000.0;
                for (int i = 0; i <= options.credentialSets(); i++) {
                    delays.add(Math.max(0, delay));
                }
            }
        }
        return delays.isEmpty() ? List.of(0.0) : delays;
    }

    /** Each started peer's version line and binary, for the report's environment. */
    Map<String, String> peerVersions() {
        return Map.copyOf(peerVersions);
    }

    /** What was skipped and why, for the report. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** The control-plane client (trusting the bench certificate when there is one). */
    ControlClient control() {
        return control;
    }

    BenchCertificate certificate() {
        return certificate;
    }

    ChildProcess origin() {
        return started.get(0);
    }

    ControlClient.Reply originStats() {
        return control.get("http://127.0.0.1:" + originPort + "/__stats", Duration.ofSeconds(5));
    }

    ControlClient.Reply idpStats() {
        return control.get("http://127.0.0.1:" + idpPort + "/stats", Duration.ofSeconds(5));
    }

    private ChildProcess launch(String name, List<String> command, Path logFile) throws IOException {
        ChildProcess process = ChildProcess.start(name, command, logFile);
        started.add(process);
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (ChildProcess process : started) {
            process.close();
        }
        started.clear();
    }
}
