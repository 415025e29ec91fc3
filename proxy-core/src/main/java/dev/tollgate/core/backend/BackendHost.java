package dev.tollgate.core.backend;

import static java.util.Objects.requireNonNull;

import io.netty.util.AsciiString;
import java.net.URI;

/**
 * One entry of a backend's {@code host} list, parsed once: where to connect and the {@code Host} header value
 * the backend gets.
 */
public final class BackendHost {
    private final String baseUrl;
    private final boolean tls;
    private final String host;
    private final int port;
    private final AsciiString hostHeader;

    private BackendHost(String baseUrl, boolean tls, String host, int port, AsciiString hostHeader) {
        this.baseUrl = baseUrl;
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.hostHeader = hostHeader;
    }

    /**
     * Parses a sanitised host such as {@code http://10.0.0.1:8000} or {@code https://api.example.com}.
     *
     * @throws IllegalArgumentException when it is not an http or https URL with a host
     */
    public static BackendHost parse(String baseUrl) {
        requireNonNull(baseUrl, "baseUrl");
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("host: \"" + baseUrl + "\" is not a URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("host: \"" + baseUrl + "\" (expected: an http:// or https:// URL)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("host: \"" + baseUrl + "\" has no host name");
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        String host = uri.getHost();
        String header = port == defaultPort ? host : host + ":" + port;
        return new BackendHost(baseUrl, tls, host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                port, AsciiString.cached(header));
    }

    public boolean tls() {
        return tls;
    }

    /** Host name or address to connect to (IPv6 without brackets). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The {@code Host} header: host, plus the port when it is not the scheme's default. */
    public AsciiString hostHeader() {
        return hostHeader;
    }

    @Override
    public String toString() {
        return baseUrl;
    }
}
