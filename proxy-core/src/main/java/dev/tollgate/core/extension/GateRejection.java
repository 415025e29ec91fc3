package dev.tollgate.core.extension;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Why a gate refused a request: the status the client gets (with an empty body, as KrakenD answers), headers to add
 * to that answer (such as {@code Retry-After}; usually none) and a log line the core prints as
 * {@code [ENDPOINT: /x] <logMessage>}. Neither the message nor a header value may contain a secret or a token.
 *
 * <p>The headers are written on a backend gate's rejection and on an endpoint guard's alike.
 */
public record GateRejection(int status, String logMessage, Map<String, String> headers) {

    public GateRejection {
        headers = Map.copyOf(requireNonNull(headers, "headers"));
    }

    /** A rejection that adds no header, the common case. */
    public GateRejection(int status, String logMessage) {
        this(status, logMessage, Map.of());
    }
}
