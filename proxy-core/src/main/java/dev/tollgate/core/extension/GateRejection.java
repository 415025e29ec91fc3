package dev.tollgate.core.extension;

/**
 * Why a gate refused a request: the status the client gets (with an empty body, as KrakenD answers) and a log line
 * the core prints as {@code [ENDPOINT: /x] <logMessage>}. The message must never contain a secret or a token.
 */
public record GateRejection(int status, String logMessage) {
}
