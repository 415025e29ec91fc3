package dev.tollgate.core.config;

import java.util.List;
import java.util.Objects;

/**
 * One {@code endpoints[i].backend[j]} entry.
 *
 * @param hosts               base URLs after KrakenD's host sanitising ({@code http://host:port}), used round-robin
 * @param urlPattern          path (and optional query) with {@code {param}} placeholders bound from the endpoint path
 * @param method              upper-case method sent to the backend (defaults to the endpoint's)
 * @param encoding            KrakenD {@code encoding} (lower-case): how an endpoint that is not no-op decodes the
 *                            body; {@code no-op} on a no-op endpoint, whose bodies pass through untouched
 * @param disableHostSanitize KrakenD {@code disable_host_sanitize}
 * @param followRedirects     follow the backend's 301/302/303/307/308 answers as KrakenD does (Go's client rules);
 *                            false with {@code extra_config["backend/http/client"].no_redirect}
 * @param extensions          parsed {@code extra_config} namespaces that an extension understood
 * @param path                JSON path of this backend, for messages
 * @param inputHeaders        the backend's own {@code input_headers}, which narrow the endpoint's (and the
 *                            {@code X-Forwarded-*} and {@code User-Agent} headers the gateway adds) as lura does;
 *                            {@link InputFilter#ALL} when it sets none (lura has no wildcard at this level)
 * @param inputQueryStrings   the backend's own {@code input_query_strings}, narrowing the endpoint's likewise
 * @param shape               the response manipulations ({@code group}, {@code target}, {@code allow}...)
 * @param errors              {@code extra_config["backend/http"]}: what a failed status does
 */
public record BackendConfig(
        List<String> hosts,
        String urlPattern,
        String method,
        String encoding,
        boolean disableHostSanitize,
        boolean followRedirects,
        ExtensionConfigs extensions,
        JsonPath path,
        InputFilter inputHeaders,
        InputFilter inputQueryStrings,
        BackendShape shape,
        BackendErrors errors) {

    public BackendConfig {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(urlPattern, "urlPattern");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(inputHeaders, "inputHeaders");
        Objects.requireNonNull(inputQueryStrings, "inputQueryStrings");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(errors, "errors");
    }

    /** A backend whose failed statuses are failures, as lura's default status handler has them. */
    public BackendConfig(List<String> hosts, String urlPattern, String method, String encoding,
                         boolean disableHostSanitize, boolean followRedirects, ExtensionConfigs extensions,
                         JsonPath path, InputFilter inputHeaders, InputFilter inputQueryStrings, BackendShape shape) {
        this(hosts, urlPattern, method, encoding, disableHostSanitize, followRedirects, extensions, path,
                inputHeaders, inputQueryStrings, shape, BackendErrors.NONE);
    }

    /** A backend without response manipulations. */
    public BackendConfig(List<String> hosts, String urlPattern, String method, String encoding,
                         boolean disableHostSanitize, boolean followRedirects, ExtensionConfigs extensions,
                         JsonPath path, InputFilter inputHeaders, InputFilter inputQueryStrings) {
        this(hosts, urlPattern, method, encoding, disableHostSanitize, followRedirects, extensions, path,
                inputHeaders, inputQueryStrings, BackendShape.NONE);
    }

    /** A backend that narrows none of its endpoint's input filters. */
    public BackendConfig(List<String> hosts, String urlPattern, String method, String encoding,
                         boolean disableHostSanitize, boolean followRedirects, ExtensionConfigs extensions,
                         JsonPath path) {
        this(hosts, urlPattern, method, encoding, disableHostSanitize, followRedirects, extensions, path,
                InputFilter.ALL, InputFilter.ALL);
    }
}
