package dev.tollgate.bench.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The origin's one response, encoded once: status line, headers and a JSON body of exactly {@code payload} bytes.
 * Each write sends a duplicate of a shared read-only buffer, so the origin spends its CPU on the socket, not on
 * building responses.
 */
final class OriginResponses {
    private final ByteBuf keepAlive;
    private final ByteBuf close;

    OriginResponses(int payload) {
        byte[] body = body(payload);
        keepAlive = encode(body, false);
        close = encode(body, true);
    }

    /** A fresh duplicate to write; releasing it is a no-op. */
    ByteBuf payload(boolean keepAliveConnection) {
        return (keepAliveConnection ? keepAlive : close).duplicate();
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
