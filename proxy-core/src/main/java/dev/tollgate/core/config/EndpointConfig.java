package dev.tollgate.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One {@code endpoints[i]} entry.
 *
 * @param path              the public path, e.g. {@code /users/{id}}
 * @param method            upper-case HTTP method, default GET
 * @param timeout           bounds the whole backend exchange (the endpoint's own, else the gateway's)
 * @param outputEncoding    KrakenD {@code output_encoding}; only {@code no-op} semantics are implemented
 * @param inputHeaders      which client headers reach the backend (KrakenD default: only Content-Type)
 * @param inputQueryStrings which query parameters reach the backend (default: none)
 * @param backends          exactly one for now
 * @param extensions        parsed endpoint {@code extra_config} namespaces an endpoint extension understood
 * @param index             position in {@code endpoints}, for messages
 */
public record EndpointConfig(
        String path,
        String method,
        Duration timeout,
        String outputEncoding,
        InputFilter inputHeaders,
        InputFilter inputQueryStrings,
        List<BackendConfig> backends,
        ExtensionConfigs extensions,
        int index) {

    public EndpointConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(extensions, "extensions");
        backends = List.copyOf(backends);
    }

    /** An endpoint without endpoint extensions. */
    public EndpointConfig(String path, String method, Duration timeout, String outputEncoding,
                          InputFilter inputHeaders, InputFilter inputQueryStrings, List<BackendConfig> backends,
                          int index) {
        this(path, method, timeout, outputEncoding, inputHeaders, inputQueryStrings, backends,
                ExtensionConfigs.EMPTY, index);
    }

    public BackendConfig backend() {
        return backends.get(0);
    }
}
