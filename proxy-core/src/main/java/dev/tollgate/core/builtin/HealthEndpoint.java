package dev.tollgate.core.builtin;

import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.exchange.Responses;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/** KrakenD's {@code /__health}: 200 with {@code {"agents":{},"now":"<RFC 3339>","status":"ok"}}. */
public final class HealthEndpoint implements RequestHandler {
    private final Clock clock;

    public HealthEndpoint(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ClientExchange newExchange(ClientConnection connection, HttpRequest request, String[] params) {
        return new ClientExchange() {
            @Override
            public void start() {
                String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.instant().atOffset(
                        java.time.ZoneOffset.UTC));
                byte[] json = ("{\"agents\":{},\"now\":\"" + now + "\",\"status\":\"ok\"}")
                        .getBytes(StandardCharsets.UTF_8);
                connection.answer(this, Responses.json(HttpResponseStatus.OK, json), HttpUtil.isKeepAlive(request));
            }

            @Override
            public void onContent(HttpContent content) {
                content.release();
            }

            @Override
            public boolean wantsContent() {
                return true;
            }

            @Override
            public void onClientClosed() {
            }
        };
    }
}
