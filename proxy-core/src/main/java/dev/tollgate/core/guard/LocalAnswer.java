package dev.tollgate.core.guard;

import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.Responses;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * An exchange the gateway answers itself with an empty body, as KrakenD's middlewares abort a request (a guard's
 * 401, 429 or 503). The frontend discards the rest of the request body, as after any early answer.
 */
final class LocalAnswer implements ClientExchange {
    private final ClientConnection connection;
    private final int status;
    /** Headers the rejection asks for, such as {@code Retry-After}; usually none. */
    private final Map<String, String> headers;

    LocalAnswer(ClientConnection connection, int status, Map<String, String> headers) {
        this.connection = connection;
        this.status = status;
        this.headers = headers;
    }

    @Override
    public void start() {
        FullHttpResponse response = Responses.empty(HttpResponseStatus.valueOf(status));
        headers.forEach(response.headers()::set);
        connection.answer(this, response, true);
    }

    @Override
    public void onContent(HttpContent content) {
        content.release();
    }

    @Override
    public boolean wantsContent() {
        return false;
    }

    @Override
    public void onClientClosed() {
    }
}
