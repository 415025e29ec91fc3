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
 * @param outputEncoding    KrakenD {@code output_encoding}: {@code no-op} streams the one backend's answer, any
 *                          other decodes, merges and renders the backends' data
 * @param inputHeaders      which client headers reach the backend (KrakenD default: only Content-Type)
 * @param inputQueryStrings which query parameters reach the backend (default: none)
 * @param backends          one or more (exactly one when no-op)
 * @param extensions        parsed endpoint {@code extra_config} namespaces an endpoint extension understood
 * @param index             position in {@code endpoints}, for messages
 * @param cacheTtl          KrakenD {@code cache_ttl} (the endpoint's, else the top level's): a complete answer
 *                          that is not no-op says {@code Cache-Control: public, max-age=N}; zero for none
 * @param proxy             lura's {@code proxy} options (sequential, static)
 * @param concurrentCalls   {@code concurrent_calls}: calls per backend of an endpoint that is not no-op, the first
 *                          complete answer winning; 1 for the usual single call
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
        int index,
        Duration cacheTtl,
        ProxyOptions proxy,
        int concurrentCalls) {

    public EndpointConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(proxy, "proxy");
        if (concurrentCalls < 1) {
            throw new IllegalArgumentException("concurrentCalls: " + concurrentCalls + " (expected: >= 1)");
        }
        backends = List.copyOf(backends);
    }

    /** An endpoint that calls each backend once. */
    public EndpointConfig(String path, String method, Duration timeout, String outputEncoding,
                          InputFilter inputHeaders, InputFilter inputQueryStrings, List<BackendConfig> backends,
                          ExtensionConfigs extensions, int index, Duration cacheTtl, ProxyOptions proxy) {
        this(path, method, timeout, outputEncoding, inputHeaders, inputQueryStrings, backends, extensions, index,
                cacheTtl, proxy, 1);
    }

    /** An endpoint without lura's {@code proxy} options. */
    public EndpointConfig(String path, String method, Duration timeout, String outputEncoding,
                          InputFilter inputHeaders, InputFilter inputQueryStrings, List<BackendConfig> backends,
                          ExtensionConfigs extensions, int index, Duration cacheTtl) {
        this(path, method, timeout, outputEncoding, inputHeaders, inputQueryStrings, backends, extensions, index,
                cacheTtl, ProxyOptions.NONE);
    }

    /** An endpoint without {@code cache_ttl}. */
    public EndpointConfig(String path, String method, Duration timeout, String outputEncoding,
                          InputFilter inputHeaders, InputFilter inputQueryStrings, List<BackendConfig> backends,
                          ExtensionConfigs extensions, int index) {
        this(path, method, timeout, outputEncoding, inputHeaders, inputQueryStrings, backends, extensions, index,
                Duration.ZERO);
    }

    /** An endpoint without endpoint extensions. */
    public EndpointConfig(String path, String method, Duration timeout, String outputEncoding,
                          InputFilter inputHeaders, InputFilter inputQueryStrings, List<BackendConfig> backends,
                          int index) {
        this(path, method, timeout, outputEncoding, inputHeaders, inputQueryStrings, backends,
                ExtensionConfigs.EMPTY, index);
    }

    /** Whether the endpoint streams its one backend's answer as it is (KrakenD's {@code no-op}). */
    public boolean noOp() {
        return "no-op".equals(outputEncoding);
    }

    public BackendConfig backend() {
        return backends.get(0);
    }
}
