package dev.tollgate.core.config;

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
 */
public record ServerOptions(
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int ioThreads,
        Duration shutdownGrace,
        Duration idleTimeout) {

    public static final ServerOptions DEFAULTS =
            new ServerOptions(8 * 1024, 16 * 1024, 0, Duration.ofSeconds(10), Duration.ofSeconds(60));
}
