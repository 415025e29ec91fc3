package dev.tollgate.server.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The suite's client, Go's {@code http.DefaultClient}, over a plain loopback socket: what it adds to a request
 * ({@code User-Agent: Go-http-client/1.1}, {@code Accept-Encoding: gzip} and transparent gunzip, a
 * {@code Content-Length: 0} on bodiless requests other than GET and HEAD), canonical header names, and how it
 * follows redirects (up to 10; 301-303 turn a non-GET into GET without body, 307/308 resend it; the original
 * headers go along, minus credentials for another host, plus {@code Referer}). A spec URL's authority (the
 * suite's {@code localhost:8080}) is sent as {@code Host} as written and connected to where {@code routes} says.
 */
final class GoHttpClient {
    private static final int MAX_REDIRECTS = 10;
    private static final Set<String> SENSITIVE = Set.of("Authorization", "Www-Authenticate", "Cookie", "Cookie2");

    /** A response as Go's client returns it: canonical names, values in order, body decoded from its framing. */
    record Response(int status, Map<String, List<String>> header, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, InetSocketAddress> routes;
    private final int timeoutMillis;

    /** @param routes a URL authority ({@code localhost:8080}) -> the socket that serves it in this test */
    GoHttpClient(Map<String, InetSocketAddress> routes, int timeoutMillis) {
        this.routes = Map.copyOf(routes);
        this.timeoutMillis = timeoutMillis;
    }

    Response send(String method, String url, Map<String, String> specHeaders, byte[] body) throws IOException {
        method = method.isEmpty() ? "GET" : method;
        Map<String, List<String>> header = new LinkedHashMap<>();
        specHeaders.forEach((k, v) -> header.computeIfAbsent(GoNet.canonicalHeaderKey(k), x -> new ArrayList<>())
                .add(v));
        URI original = URI.create(url);
        String hostOverride = specHeaders.get("Host"); // newRequest looks the exact key up
        URI current = original;
        Map<String, List<String>> currentHeader = header;
        String currentHost = hostOverride != null ? hostOverride : original.getRawAuthority();
        for (int hops = 0; ; hops++) {
            Response res = exchange(method, current, currentHost, currentHeader, body);
            List<String> location = res.header().get("Location");
            int s = res.status();
            boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
            if (!redirect || location == null || location.get(0).isEmpty()) {
                return res;
            }
            if (hops + 1 > MAX_REDIRECTS) {
                throw new IOException(goMethod(method) + " \"" + current + "\": stopped after 10 redirects");
            }
            URI next = current.resolve(location.get(0));
            if (s != 307 && s != 308) {
                body = null;
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    method = "GET";
                }
            }
            Map<String, List<String>> h = new LinkedHashMap<>();
            header.forEach((k, v) -> h.put(k, new ArrayList<>(v)));
            if (!sameOrSubdomain(original.getHost(), next.getHost())) {
                SENSITIVE.forEach(h::remove);
            }
            if (!(current.getScheme().equals("https") && next.getScheme().equals("http"))) {
                h.put("Referer", List.of(withoutUserInfo(current)));
            }
            String loc = location.get(0);
            boolean keepHost = hostOverride != null && !hostOverride.equals(original.getRawAuthority())
                    && !URI.create(loc).isAbsolute();
            currentHost = keepHost ? hostOverride : next.getRawAuthority();
            current = next;
            currentHeader = h;
        }
    }

    private static String goMethod(String m) {
        return m.charAt(0) + m.substring(1).toLowerCase(Locale.ROOT);
    }

    private static boolean sameOrSubdomain(String initial, String dst) {
        return dst.equalsIgnoreCase(initial) || dst.toLowerCase(Locale.ROOT).endsWith("." + initial.toLowerCase(
                Locale.ROOT));
    }

    private static String withoutUserInfo(URI u) {
        String s = u.toString();
        return u.getRawUserInfo() == null ? s : s.replace(u.getRawUserInfo() + "@", "");
    }

    private Response exchange(String method, URI url, String host, Map<String, List<String>> header, byte[] body)
            throws IOException {
        InetSocketAddress target = routes.get(url.getRawAuthority());
        if (target == null) {
            throw new IOException("no server for " + url.getRawAuthority() + " in this test (" + url + ")");
        }
        StringBuilder head = new StringBuilder();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        head.append(method).append(' ').append(path).append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                .append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\n");
        List<String> ua = header.get("User-Agent");
        if (ua == null) {
            head.append("User-Agent: Go-http-client/1.1\r\n");
        } else if (!ua.get(0).isEmpty()) {
            head.append("User-Agent: ").append(ua.get(0)).append("\r\n");
        }
        int length = body == null ? 0 : body.length;
        if (length > 0 || !(method.equals("GET") || method.equals("HEAD"))) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        for (Map.Entry<String, List<String>> e : header.entrySet()) {
            if (Set.of("Host", "User-Agent", "Content-Length", "Transfer-Encoding", "Trailer").contains(e.getKey())) {
                continue;
            }
            for (String v : e.getValue()) {
                head.append(e.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        boolean requestedGzip = !header.containsKey("Accept-Encoding") && !header.containsKey("Range")
                && !method.equals("HEAD");
        if (requestedGzip) {
            head.append("Accept-Encoding: gzip\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(target, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (length > 0) {
                out.write(body);
            }
            out.flush();
            Response res = read(new BufferedInputStream(socket.getInputStream()), method);
            List<String> ce = res.header().get("Content-Encoding");
            if (requestedGzip && ce != null && ce.get(0).equalsIgnoreCase("gzip")) {
                Map<String, List<String>> h = new LinkedHashMap<>(res.header());
                h.remove("Content-Encoding");
                h.remove("Content-Length");
                byte[] plain = new GZIPInputStream(new ByteArrayInputStream(res.body())).readAllBytes();
                return new Response(res.status(), h, plain);
            }
            return res;
        }
    }

    private static Response read(InputStream in, String method) throws IOException {
        while (true) {
            String status = line(in);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("malformed HTTP response: " + status);
            }
            int code = Integer.parseInt(parts[1]);
            Map<String, List<String>> header = new LinkedHashMap<>();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                header.computeIfAbsent(GoNet.canonicalHeaderKey(l.substring(0, colon).trim()),
                        k -> new ArrayList<>()).add(l.substring(colon + 1).trim());
            }
            if (code >= 100 && code < 200 && code != 101) {
                continue; // interim answers are not the response
            }
            List<String> te = header.remove("Transfer-Encoding");
            boolean chunked = te != null && te.get(te.size() - 1).toLowerCase(Locale.ROOT).contains("chunked");
            byte[] body;
            if (method.equals("HEAD") || code == 204 || code == 304) {
                body = new byte[0];
            } else if (chunked) {
                header.remove("Content-Length"); // Go drops it when the body is chunked
                body = chunks(in);
            } else if (header.containsKey("Content-Length")) {
                body = in.readNBytes(Integer.parseInt(header.get("Content-Length").get(0)));
            } else {
                body = in.readAllBytes();
            }
            return new Response(code, header, body);
        }
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                for (String l = line(in); !l.isEmpty(); l = line(in)) {
                    // trailer fields: not part of the body
                }
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed before the response ended");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
