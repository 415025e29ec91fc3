package dev.tollgate.bench.peer;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What a peer's generated configuration needs: where it listens, the origin it proxies to, its routes, and how big
 * it must be.
 *
 * @param port        plain HTTP listener on 127.0.0.1
 * @param tlsPort     HTTPS listener on 127.0.0.1, or 0 for none
 * @param tlsCertificate PEM certificate chain (for HAProxy, followed by the key in the same file), or null
 * @param tlsKey      PEM private key, or null (HAProxy reads it from {@code tlsCertificate})
 * @param originPort  the bench origin on 127.0.0.1
 * @param routes      the paths served; anything else is answered 404 by the peer itself
 * @param threads     worker threads (HAProxy) or processes (nginx): the machine's cores, as Tollgate's event loops
 * @param maxConnections client connections the peer must accept at once (load + idle connections + slack)
 * @param dir         the results directory: pid, temp and error log files of the peer go there
 * @param fileLimit   the open-file limit the peer inherits (the harness's hard limit), or -1 when unknown
 */
public record PeerSetup(int port, int tlsPort, Path tlsCertificate, Path tlsKey, int originPort,
        List<PeerRoute> routes, int threads, int maxConnections, Path dir, long fileLimit) {
    public PeerSetup {
        requireNonNull(dir, "dir");
        routes = List.copyOf(routes);
        if (port <= 0 || originPort <= 0 || threads <= 0 || maxConnections <= 0) {
            throw new IllegalArgumentException("ports, threads and maxConnections must be > 0");
        }
        if (tlsPort > 0 && tlsCertificate == null) {
            throw new IllegalArgumentException("tlsPort needs tlsCertificate");
        }
    }
}
