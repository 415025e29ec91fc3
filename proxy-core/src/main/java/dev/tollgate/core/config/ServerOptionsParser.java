package dev.tollgate.core.config;

import java.time.Duration;

/** Reads the top-level {@code extra_config["tollgate/server"]} block into {@link ServerOptions}. */
final class ServerOptionsParser {
    static final String NAMESPACE = "tollgate/server";

    private static final int MIN_BYTES = 64;
    private static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_IO_THREADS = 1024;
    /** A backend body cap below this would fail ordinary error-free answers. */
    private static final int MIN_BODY_BYTES = 1024;

    private ServerOptionsParser() {
    }

    /** {@code block} may be null (absent): the defaults apply. */
    static ServerOptions parse(ConfigObject block) {
        if (block == null) {
            return ServerOptions.DEFAULTS;
        }
        ServerOptions d = ServerOptions.DEFAULTS;
        int maxLine = block.integer("max_request_line_bytes", d.maxRequestLineBytes(), MIN_BYTES, MAX_BYTES);
        int maxHeaders = block.integer("max_header_bytes", d.maxHeaderBytes(), MIN_BYTES, MAX_BYTES);
        int ioThreads = block.integer("io_threads", d.ioThreads(), 0, MAX_IO_THREADS);
        Duration grace = block.duration("shutdown_grace", d.shutdownGrace());
        if (grace.isNegative()) {
            block.problems().error(block.path("shutdown_grace"), "must not be negative, got \""
                    + GoDuration.format(grace) + "\"");
            grace = d.shutdownGrace();
        }
        Duration idle = block.positiveDuration("idle_timeout", d.idleTimeout());
        int maxBody = block.integer("max_response_body_bytes", d.maxResponseBodyBytes(), MIN_BODY_BYTES,
                Integer.MAX_VALUE);
        block.raw("metrics_port"); // read by MetricsParser
        block.raw("jvm_metrics");
        block.warnUnknownKeys();
        return new ServerOptions(maxLine, maxHeaders, ioThreads, grace, idle, d.readHeaderTimeout(), maxBody);
    }
}
