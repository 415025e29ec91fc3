package dev.tollgate.core.builtin;

import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.exchange.Responses;
import dev.tollgate.core.log.Log;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * KrakenD's {@code /__debug/*}: logs the request (method, URI, headers, body size) at INFO and answers
 * {@code {"message":"pong"}}. Meant for development; Authorization and Cookie values are redacted.
 */
public final class DebugEndpoint implements RequestHandler {
    private static final Log LOG = Log.get("debug");
    private static final byte[] PONG = "{\"message\":\"pong\"}".getBytes(StandardCharsets.US_ASCII);

    @Override
    public ClientExchange newExchange(ClientConnection connection, HttpRequest request, String[] params) {
        return new BufferedExchange(connection, request) {
            @Override
            protected FullHttpResponse respond(ByteBuf body) {
                StringBuilder sb = new StringBuilder("[DEBUG] ").append(request.method().name()).append(' ')
                        .append(request.uri()).append(" from ").append(connection.clientIp());
                request.headers().forEach(e -> sb.append(" | ").append(EchoEndpoint.canonical(e.getKey()))
                        .append(": ").append(isSensitive(e.getKey()) ? "[redacted]" : e.getValue()));
                sb.append(" | body: ").append(body.readableBytes()).append(" bytes");
                LOG.info(sb.toString());
                return Responses.json(HttpResponseStatus.OK, PONG);
            }
        };
    }

    /** Credentials never reach the log, even in debug output. */
    private static boolean isSensitive(String name) {
        return name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization")
                || name.equalsIgnoreCase("cookie");
    }
}
