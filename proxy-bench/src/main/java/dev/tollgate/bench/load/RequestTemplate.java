package dev.tollgate.bench.load;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One target's requests, each encoded once into a shared read-only buffer: {@code GET <path> HTTP/1.1} with a Host
 * header (and the target's {@code Authorization}, if any), nothing else that would make a proxy do extra work. A
 * target with several URLs (same host and port) has one buffer per URL, taken in turn. Only loopback targets are
 * accepted: the harness is a tool for measuring processes on this machine, never a traffic generator aimed
 * elsewhere.
 */
final class RequestTemplate {
    private final URI uri;
    private final InetSocketAddress address;
    private final boolean tls;
    private final ByteBuf[] requests;

    private RequestTemplate(URI uri, InetSocketAddress address, boolean tls, ByteBuf[] requests) {
        this.uri = uri;
        this.address = address;
        this.tls = tls;
        this.requests = requests;
    }

    /**
     * @throws IllegalArgumentException if the URL is not {@code http[s]://127.0.0.1[:port]/...} or
     *         {@code http[s]://localhost[:port]/...}
     */
    static RequestTemplate get(String url) {
        return get(url, null);
    }

    /** @param authorization an {@code Authorization} value every request carries, or null */
    static RequestTemplate get(String url, String authorization) {
        return get(List.of(url), authorization);
    }

    /** Several URLs of one host and port, requested in turn. */
    static RequestTemplate get(List<String> urls, String authorization) {
        requireNonNull(urls, "urls");
        URI first = check(urls.get(0));
        ByteBuf[] requests = new ByteBuf[urls.size()];
        for (int i = 0; i < requests.length; i++) {
            URI uri = check(urls.get(i));
            if (!uri.getScheme().equalsIgnoreCase(first.getScheme()) || port(uri) != port(first)) {
                throw new IllegalArgumentException("target " + urls.get(i) + ": all URLs of a target share one"
                        + " scheme, host and port");
            }
            requests[i] = encode(uri, authorization);
        }
        return new RequestTemplate(first, new InetSocketAddress("127.0.0.1", port(first)),
                first.getScheme().equalsIgnoreCase("https"), requests);
    }

    private static URI check(String url) {
        requireNonNull(url, "url");
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("target " + url + ": only http:// and https:// are supported");
        }
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equalsIgnoreCase(host)) {
            throw new IllegalArgumentException("target " + url + ": only 127.0.0.1 or localhost targets are allowed");
        }
        return uri;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static ByteBuf encode(URI uri, String authorization) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += '?' + uri.getRawQuery();
        }
        String head = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ':' + port(uri) + "\r\n"
                + "User-Agent: tollgate-bench\r\n"
                + "Accept: */*\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "\r\n";
        byte[] encoded = head.getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = Unpooled.directBuffer(encoded.length).writeBytes(encoded);
        return Unpooled.unreleasableBuffer(buf.asReadOnly());
    }

    URI uri() {
        return uri;
    }

    InetSocketAddress address() {
        return address;
    }

    /** Whether the connection speaks TLS (an {@code https://} target). */
    boolean tls() {
        return tls;
    }

    /** How many distinct requests the target takes in turn. */
    int size() {
        return requests.length;
    }

    /** A duplicate of the first request to write: independent indexes over the shared bytes; release is a no-op. */
    ByteBuf newRequest() {
        return requests[0].duplicate();
    }

    /** The {@code sequence}-th request of the rotation (a connection's request count plus its index). */
    ByteBuf newRequest(long sequence) {
        return requests[(int) Math.floorMod(sequence, (long) requests.length)].duplicate();
    }
}
