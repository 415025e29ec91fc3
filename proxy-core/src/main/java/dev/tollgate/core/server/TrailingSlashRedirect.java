package dev.tollgate.core.server;

import dev.tollgate.core.exchange.Responses;
import dev.tollgate.core.routing.Router;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * KrakenD's router (gin, {@code RedirectTrailingSlash}) answers a path that has no route, but would have one with
 * (or without) a trailing slash, with a redirect there: 301 for GET, 307 for other methods so the client repeats
 * the method and body. Clients written against KrakenD rely on it ({@code /users/1/} reaching {@code /users/{id}}).
 */
final class TrailingSlashRedirect {
    private final Router<?> router;

    TrailingSlashRedirect(Router<?> router) {
        this.router = router;
    }

    /**
     * @param path the request path, {@code uri} without its query
     * @return the redirect, or null when the other form of the path has no route for {@code method} either
     */
    FullHttpResponse redirect(HttpMethod method, String path, String uri) {
        if (path.length() < 2) {
            return null;
        }
        String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
        // "//host" in a Location is another site: never redirect there, whatever the router would accept.
        if (other.startsWith("//") || !router.match(method.name(), other).found()) {
            return null;
        }
        FullHttpResponse response = Responses.empty(method.equals(HttpMethod.GET)
                ? HttpResponseStatus.MOVED_PERMANENTLY : HttpResponseStatus.TEMPORARY_REDIRECT);
        response.headers().set(HttpHeaderNames.LOCATION, other + uri.substring(path.length()));
        return response;
    }
}
