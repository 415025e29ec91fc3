package dev.tollgate.core.server;

import dev.tollgate.core.config.RouterOptions;
import dev.tollgate.core.exchange.Responses;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The answers to a request no endpoint takes: 404 (flagged {@code X-Krakend-Completed: false}, as KrakenD's
 * no-route handler does) and 405 with {@code Allow}, with gin's plain-text bodies or the JSON bodies of
 * {@code router.error_body}. The JSON is encoded once; each response wraps the same bytes.
 */
final class NotRoutedResponses {
    private final byte[] notFound;
    private final byte[] methodNotAllowed;

    NotRoutedResponses(RouterOptions options) {
        this.notFound = bytes(options.notFoundBody());
        this.methodNotAllowed = bytes(options.methodNotAllowedBody());
    }

    FullHttpResponse notFound() {
        return Responses.incomplete(notFound == null
                ? Responses.ginText(HttpResponseStatus.NOT_FOUND, "404 page not found")
                : Responses.json(HttpResponseStatus.NOT_FOUND, notFound));
    }

    /** @param allow the methods the path has, for the {@code Allow} header */
    FullHttpResponse methodNotAllowed(String allow) {
        FullHttpResponse response = Responses.incomplete(methodNotAllowed == null
                ? Responses.ginText(HttpResponseStatus.METHOD_NOT_ALLOWED, "405 method not allowed")
                : Responses.json(HttpResponseStatus.METHOD_NOT_ALLOWED, methodNotAllowed));
        if (allow != null) {
            response.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        return response;
    }

    private static byte[] bytes(String json) {
        return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }
}
