package dev.tollgate.bench.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The origin's one response, encoded once: status line, headers and a JSON body of exactly {@code payload} bytes.
 * Each write sends a duplicate of a shared read-only buffer, so the origin spends its CPU on the socket, not on
 * building responses. Besides the default size, any of a list of sizes is served on {@code /payload/<size>} (the
 * harness's {@code --payloads} sweep); any other path gets the default.
 */
final class OriginResponses {
    static final String SIZED_PREFIX = "/payload/";

    private final ByteBuf keepAlive;
    private final ByteBuf close;
    private final Map<String, ByteBuf[]> sized = new HashMap<>();

    OriginResponses(int payload) {
        this(payload, List.of());
    }

    OriginResponses(int payload, List<Integer> sizes) {
        byte[] body = body(payload);
        keepAlive = encode(body, false);
        close = encode(body, true);
        for (int size : sizes) {
            byte[] b = body(size);
            sized.put(SIZED_PREFIX + size, new ByteBuf[] {encode(b, false), encode(b, true)});
        }
    }

    /** A fresh duplicate to write; releasing it is a no-op. */
    ByteBuf payload(boolean keepAliveConnection) {
        return (keepAliveConnection ? keepAlive : close).duplicate();
    }

    /** The response for {@code path} (query stripped): a sized one, else the default. */
    ByteBuf payload(String path, boolean keepAliveConnection) {
        ByteBuf[] pair = sized.isEmpty() ? null : sized.get(path);
        return pair == null ? payload(keepAliveConnection) : pair[keepAliveConnection ? 0 : 1].duplicate();
    }

    static ByteBuf json(String body, boolean keepAliveConnection) {
        return Unpooled.wrappedBuffer(head(body.length(), !keepAliveConnection).getBytes(StandardCharsets.US_ASCII),
                body.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code {"data":"xxx…"}} padded to exactly {@code size} bytes; plain {@code x}s when that does not fit. */
    private static byte[] body(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        byte[] open = "{\"data\":\"".getBytes(StandardCharsets.US_ASCII);
        if (size >= open.length + 2) {
            System.arraycopy(open, 0, body, 0, open.length);
            body[size - 2] = '"';
            body[size - 1] = '}';
        }
        return body;
    }

    private static ByteBuf encode(byte[] body, boolean close) {
        byte[] head = head(body.length, close).getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = Unpooled.directBuffer(head.length + body.length).writeBytes(head).writeBytes(body);
        return Unpooled.unreleasableBuffer(buf.asReadOnly());
    }

    private static String head(int length, boolean close) {
        return "HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
    }
}
