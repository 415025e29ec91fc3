package dev.tollgate.core.exchange;

import io.netty.handler.codec.http.HttpContent;

/**
 * One request/response on a client connection, driven by the {@link FrontendHandler} on the connection's event
 * loop. It ends by calling {@link ClientConnection#exchangeDone} exactly once (unless the client goes away first).
 */
public interface ClientExchange {

    /** Begins the exchange; called right after creation, may finish it synchronously. */
    void start();

    /** A chunk of the request body (the last one is a {@code LastHttpContent}); ownership passes to the exchange. */
    void onContent(HttpContent content);

    /** Whether the frontend should keep reading the request body now (false pauses the client: backpressure). */
    boolean wantsContent();

    /** The end of one read batch from the client: a good moment to flush what was forwarded. */
    default void onClientReadComplete() {
    }

    /** The client connection's writability changed (a slow reader pauses the response source). */
    default void onClientWritabilityChanged() {
    }

    /** The client connection closed before the exchange finished: release everything, write nothing. */
    void onClientClosed();

    /**
     * The request body turned out malformed (a bad chunk): nothing more of it will come. The exchange should drop
     * its backend side and answer 400 if it has not answered yet; the frontend closes the connection afterwards.
     * By default the exchange is treated as if the client had gone and the connection just closes.
     */
    default void onRequestBroken() {
        onClientClosed();
    }
}
