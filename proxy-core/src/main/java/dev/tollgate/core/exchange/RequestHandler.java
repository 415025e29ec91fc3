package dev.tollgate.core.exchange;

import io.netty.handler.codec.http.HttpRequest;

/**
 * What a route leads to: the proxy path of an endpoint or a built-in endpoint. Shared by all connections and event
 * loops, so it holds only immutable, precomputed state; the per-request state lives in the {@link ClientExchange}
 * it creates.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Creates the exchange for one request; the frontend then calls {@link ClientExchange#start()}.
     *
     * @param connection the client connection, on whose event loop everything runs
     * @param request    the request head; its body follows through {@link ClientExchange#onContent}
     * @param params     path parameters bound by the router (do not modify)
     */
    ClientExchange newExchange(ClientConnection connection, HttpRequest request, String[] params);
}
