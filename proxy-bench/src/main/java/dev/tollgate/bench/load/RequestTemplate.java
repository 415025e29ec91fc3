package dev.tollgate.bench.load;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One target's request, encoded once into a shared read-only buffer: {@code GET <path> HTTP/1.1} with a Host header
 * (and the target's {@code Authorization}, if any), nothing else that would make a proxy do extra work. Only loopback targets are accepted: the harness is a tool for
 * measuring processes on this machine, never a traffic generator aimed elsewhere.
 */
final class RequestTemplate {
    private final URI uri;
    private final InetSocketAddress address;
    private final ByteBuf bytes;

    private RequestTemplate(URI uri, InetSocketAddress address, ByteBuf bytes) {
        this.uri = uri;
        this.address = address;
        this.bytes = bytes;
    }

    /**
     * @throws IllegalArgumentException if the URL is not {@code http://127.0.0.1[:port]/...} or
     *         {@code http://localhost[:port]/...}
     */
    static RequestTemplate get(String url) {
        return get(url, null);
    }

    /** @param authorization an {@code Authorization} value every request carries, or null */
    static RequestTemplate get(String url, String authorization) {
        requireNonNull(url, "url");
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("target " + url + ": only http:// is supported");
        }
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equalsIgnoreCase(host)) {
            throw new IllegalArgumentException("target " + url + ": only 127.0.0.1 or localhost targets are allowed");
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += '?' + uri.getRawQuery();
        }
        String head = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ':' + port + "\r\n"
                + "User-Agent: tollgate-bench\r\n"
                + "Accept: */*\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "\r\n";
        byte[] encoded = head.getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = Unpooled.directBuffer(encoded.length).writeBytes(encoded);
        return new RequestTemplate(uri, new InetSocketAddress("127.0.0.1", port),
                Unpooled.unreleasableBuffer(buf.asReadOnly()));
    }

    URI uri() {
        return uri;
    }

    InetSocketAddress address() {
        return address;
    }

    /** A duplicate to write: independent indexes over the shared bytes; releasing it is a no-op. */
    ByteBuf newRequest() {
        return bytes.duplicate();
    }
}
