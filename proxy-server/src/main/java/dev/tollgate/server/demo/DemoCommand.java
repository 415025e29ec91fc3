package dev.tollgate.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToIntFunction;

/**
 * {@code java -jar proxy-server.jar demo}: the product's point in a minute, with nothing else installed. Starts the
 * demo token endpoint, writes a config that uses it, serves that config as {@code run} would, and says what to
 * curl and what it shows: the backend receives a Bearer token the client never sent, and however many calls are
 * made, the token endpoint was asked once.
 */
public final class DemoCommand {
    /** Long enough that the demo shows one token request, short enough to see a refresh if one waits. */
    static final int TOKEN_LIFETIME_SECONDS = 300;

    private DemoCommand() {
    }

    /**
     * @param port    the gateway's port (8080 unless {@code -p})
     * @param runner  serves a config file until stopped, returning its exit code ({@code run}'s own logic)
     */
    public static int run(int port, PrintStream out, ToIntFunction<Path> runner) {
        try (DemoTokenEndpoint idp = new DemoTokenEndpoint(0, TOKEN_LIFETIME_SECONDS)) {
            Path config = Files.createTempFile("tollgate-demo-", ".json");
            config.toFile().deleteOnExit();
            int metricsPort = freePort();
            Files.writeString(config, DemoConfig.json(port, idp.tokenUrl(), metricsPort));
            out.println(banner(port, idp.port(), config, metricsPort));
            return runner.applyAsInt(config);
        } catch (IOException e) {
            out.println("error: cannot write the demo config: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** A loopback port free now, for the demo's metrics listener. */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String banner(int port, int idpPort, Path config, int metricsPort) {
        return """
                Tollgate demo
                  token endpoint  http://127.0.0.1:%2$d/token  (client "%4$s", tokens live %5$ds)
                  gateway         http://127.0.0.1:%1$d       (config: %3$s)

                Try, in another terminal:
                  curl -s localhost:%1$d/protected/7
                      the request as the backend got it: "Authorization": ["Bearer <redacted>"], a token the
                      gateway fetched and stamped (the echo redacts it; the client sent none)
                  for i in $(seq 100); do curl -s -o /dev/null localhost:%1$d/protected/$i; done
                  curl -s localhost:%2$d/stats
                      {"token_requests":1,...}: one token for every call, refreshed before it expires
                  curl -s localhost:%6$d/metrics | grep -E '^tollgate_token_(fetches|stamped)'
                      the gateway's own count: fetches ok 1, stamped 101 (Prometheus text)
                Each call also gets an access log line ([GIN] ...) below. Ctrl-C stops it.
                """.formatted(port, idpPort, config, DemoTokenEndpoint.CLIENT_ID, TOKEN_LIFETIME_SECONDS,
                metricsPort);
    }
}
