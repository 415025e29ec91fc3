package dev.tollgate.core.gateway;

/** The gateway could not start, e.g. {@code cannot listen on 0.0.0.0:8080: Address already in use}. */
public final class GatewayStartException extends RuntimeException {
    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
