package dev.tollgate.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings KrakenD does not have, read from the top-level {@code extra_config["tollgate/server"]} so a Tollgate
 * config stays a valid KrakenD config.
 *
 * @param maxRequestLineBytes longest request line accepted (else 414); default 8 KiB like nginx and Envoy
 * @param maxHeaderBytes      largest header section accepted (else 431); default 16 KiB
 * @param ioThreads           event loops; 0 means one per core
 * @param shutdownGrace       how long SIGTERM waits for in-flight exchanges
 * @param idleTimeout         idle keep-alive connections (client and backend side) are closed after this
 * @param readHeaderTimeout   KrakenD's top-level {@code read_header_timeout}: longest time from a request's first
 *                            byte (a connection's accept for its first request) to the end of its header section;
 *                            past it 408 and close. Bounds slowloris clients. {@link Duration#ZERO} disables it
 * @param maxResponseBodyBytes largest backend body an endpoint that is not no-op buffers to decode (default 4 MiB);
 *                            past it the backend counts as failed. No-op endpoints stream, unbounded
 */
public record ServerOptions(
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int ioThreads,
        Duration shutdownGrace,
        Duration idleTimeout,
        Duration readHeaderTimeout,
        int maxResponseBodyBytes) {

    public static final int DEFAULT_MAX_RESPONSE_BODY_BYTES = 4 * 1024 * 1024;

    public static final ServerOptions DEFAULTS = new ServerOptions(8 * 1024, 16 * 1024, 0, Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(10));

    public ServerOptions {
        requireNonNull(shutdownGrace, "shutdownGrace");
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(readHeaderTimeout, "readHeaderTimeout");
        if (readHeaderTimeout.isNegative()) {
            throw new IllegalArgumentException("readHeaderTimeout: " + readHeaderTimeout + " (expected: >= 0)");
        }
        if (maxResponseBodyBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBodyBytes: " + maxResponseBodyBytes + " (expected: > 0)");
        }
    }

    /** Options with the default response body cap. */
    public ServerOptions(int maxRequestLineBytes, int maxHeaderBytes, int ioThreads, Duration shutdownGrace,
                         Duration idleTimeout, Duration readHeaderTimeout) {
        this(maxRequestLineBytes, maxHeaderBytes, ioThreads, shutdownGrace, idleTimeout, readHeaderTimeout,
                DEFAULT_MAX_RESPONSE_BODY_BYTES);
    }

    public ServerOptions withReadHeaderTimeout(Duration timeout) {
        if (timeout.equals(readHeaderTimeout)) {
            return this;
        }
        return new ServerOptions(maxRequestLineBytes, maxHeaderBytes, ioThreads, shutdownGrace, idleTimeout, timeout,
                maxResponseBodyBytes);
    }
}
