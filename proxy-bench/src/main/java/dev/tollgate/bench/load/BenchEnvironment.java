package dev.tollgate.bench.load;

import dev.tollgate.bench.idp.TokenEndpoint;
import dev.tollgate.bench.origin.OriginServer;
import dev.tollgate.bench.process.ChildProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The processes under measurement, each its own JVM: the origin, the token endpoint and (unless disabled or its jar
 * is missing) the Tollgate proxy running a generated {@code krakend.json}. {@link #close} ends them all and is safe
 * to call from a shutdown hook at any point, also while they are still starting.
 */
final class BenchEnvironment implements AutoCloseable {
    private static final List<String> HELPER_JVM = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The bench token's lifetime: longer than any run, so it never expires under measurement. */
    private static final long TOKEN_LIFETIME_SECONDS = 24 * 3600;

    private final HarnessOptions options;
    private final ControlClient control;
    private final PrintStream log;
    private final List<ChildProcess> started = new CopyOnWriteArrayList<>();
    private int originPort;
    private int idpPort;
    private int proxyPort;
    private ChildProcess proxy;

    BenchEnvironment(HarnessOptions options, ControlClient control, PrintStream log) {
        this.options = options;
        this.control = control;
        this.log = log;
    }

    /** Starts the helpers and waits until each is ready. */
    void start() throws IOException, InterruptedException {
        Path out = options.out();
        ChildProcess origin = launch("origin", ChildProcess.javaMain(HELPER_JVM, OriginServer.class.getName(),
                List.of("--port", Integer.toString(options.originPort()), "--payload",
                        Integer.toString(options.payload()), "--threads", Integer.toString(options.originThreads()))),
                out.resolve("origin.log"));
        ChildProcess idp = launch("token-endpoint", ChildProcess.javaMain(HELPER_JVM, TokenEndpoint.class.getName(),
                List.of("--port", Integer.toString(options.idpPort()), "--expires-in",
                        Integer.toString(options.tokenLifetimeSeconds()))), out.resolve("token-endpoint.log"));
        originPort = origin.awaitListening(START_TIMEOUT);
        idpPort = idp.awaitListening(START_TIMEOUT);
        log.printf("origin      pid %d  http://127.0.0.1:%d%s  payload %d B%n", origin.pid(), originPort,
                BenchConfig.ORIGIN_PATH, options.payload());
        log.printf("token idp   pid %d  http://127.0.0.1:%d/token  expires_in %ds%n", idp.pid(), idpPort,
                options.tokenLifetimeSeconds());

        proxyPort = options.proxyPort() > 0 ? options.proxyPort() : freePort();
        Path config = out.resolve("krakend.json");
        Path jwks = out.resolve("jwks.json");
        Files.writeString(jwks, BenchToken.jwks());
        Files.writeString(config, BenchConfig.krakendJson(proxyPort, originPort, idpPort, jwks,
                options.metricsPort(), options.accessLog()));
        if (!startsProxy()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(options.proxyJvmOptions());
        command.addAll(List.of("-jar", options.proxyJar().toString(), "run", "-c", config.toString()));
        proxy = launch("proxy", command, out.resolve("proxy.log"));
        control.awaitOk(proxyBase() + "/__health", START_TIMEOUT, proxy::requireAlive);
        log.printf("proxy       pid %d  %s  (%s)%n", proxy.pid(), proxyBase(), options.proxyJar());
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

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("direct", Target.Kind.DIRECT,
                "http://127.0.0.1:" + originPort + BenchConfig.ORIGIN_PATH));
        if (proxy != null) {
            targets.add(new Target("proxy", Target.Kind.PROXY, proxyBase() + BenchConfig.PLAIN_ENDPOINT));
            targets.add(new Target("proxy-cc", Target.Kind.PROXY_CLIENT_CREDENTIALS,
                    proxyBase() + BenchConfig.CLIENT_CREDENTIALS_ENDPOINT));
            targets.add(new Target("proxy-merge", Target.Kind.PROXY_MERGE, proxyBase() + BenchConfig.MERGE_ENDPOINT));
            targets.add(new Target("proxy-jwt", Target.Kind.PROXY_JWT, proxyBase() + BenchConfig.JWT_ENDPOINT,
                    "Bearer " + BenchToken.sign(System.currentTimeMillis() / 1000, TOKEN_LIFETIME_SECONDS)));
        }
        targets.addAll(options.externalTargets());
        return targets;
    }

    /** @throws IOException with the end of its log if a helper has exited: the figures would mean nothing */
    void requireAlive() throws IOException {
        for (ChildProcess process : started) {
            process.requireAlive();
        }
    }

    ChildProcess proxy() {
        return proxy;
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

    private String proxyBase() {
        return "http://127.0.0.1:" + proxyPort;
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
