package dev.tollgate.core.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A tiny HTTP/1.1 client on a plain socket: full control over what is sent, including malformed input. */
public final class RawHttpClient implements AutoCloseable {
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> lastTrailers = new ArrayList<>();

    public RawHttpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public OutputStream out() {
        return out;
    }

    public InputStream in() {
        return in;
    }

    /** Sends a request without body; {@code headers} are full lines like {@code "X-A: 1"}. Host is added. */
    public Response get(String method, String target, String... headers) throws IOException {
        send(method, target, null, headers);
        return read(method.equals("HEAD"));
    }

    public Response get(String target) throws IOException {
        return get("GET", target);
    }

    public void send(String method, String target, String body, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean hasHost = false;
        for (String h : headers) {
            hasHost |= h.toLowerCase(Locale.ROOT).startsWith("host:");
            sb.append(h).append("\r\n");
        }
        if (!hasHost) {
            sb.append("Host: gateway.test\r\n");
        }
        if (body != null) {
            sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        sb.append("\r\n");
        if (body != null) {
            sb.append(body);
        }
        sendRaw(sb.toString());
    }

    public void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public Response read() throws IOException {
        return read(false);
    }

    /** Reads one response (skipping 1xx); the body by Content-Length, chunked, or until close. */
    public Response read(boolean headRequest) throws IOException {
        while (true) {
            String status = line();
            if (status == null) {
                throw new IOException("connection closed before a response");
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(l.substring(colon + 1).trim());
            }
            if (code >= 100 && code < 200) {
                continue;
            }
            byte[] body;
            List<String> te = headers.get("transfer-encoding");
            List<String> cl = headers.get("content-length");
            if (headRequest || code == 204 || code == 304) {
                body = new byte[0];
            } else if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
                body = chunked();
            } else if (cl != null) {
                body = in.readNBytes(Integer.parseInt(cl.get(0)));
            } else {
                body = in.readAllBytes();
            }
            return new Response(code, headers, body);
        }
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                lastTrailers.clear();
                for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                    lastTrailers.add(l);
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line();
        }
    }

    /** The trailer lines of the last chunked body read. */
    public List<String> lastTrailers() {
        return lastTrailers;
    }

    /** A CRLF-terminated line, or null at end of stream. */
    public String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** True when the peer closes the connection (read returns -1 or a reset) within the socket timeout. */
    public boolean awaitClosed() throws IOException {
        try {
            while (true) {
                int c = in.read();
                if (c == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
