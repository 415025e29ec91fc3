package dev.tollgate.core.extension;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Decides whether one client request may go on to its endpoint's backends. It sees the request head only (the body
 * has not been read) and may add headers to it for the backend (propagated claims).
 *
 * <p>Contract: {@link #check} answers at once, on the connection's event loop: {@link GuardVerdict#PASS} (the hot
 * path: no allocation), a rejection, or {@link GuardVerdict#PENDING} when it must wait (a key set still being
 * fetched). Only after {@code PENDING} does the core call {@link #await}, which calls exactly one of the listener's
 * methods, exactly once, on {@code loop}. Neither blocks. The core bounds the wait with the endpoint timeout and
 * ignores a late answer, so a guard need not track cancellation.
 */
public interface EndpointGuard {

    /**
     * @param request  the request head (headers may be added for the backend, never removed)
     * @param clientIp the client's address as text (the TCP peer's), for per-client limits
     * @param params   the path parameters the router bound, in the endpoint path's order (do not modify them),
     *                 then the endpoint's {@link GuardParams} slots, which the guard that fills them writes
     *                 before it passes (through {@link GuardParams#set})
     */
    GuardVerdict check(HttpRequest request, String clientIp, String[] params);

    /** Waits for the verdict {@link #check} could not give at once. */
    default void await(HttpRequest request, String clientIp, String[] params, EventLoop loop, Listener listener) {
        listener.onRejected(new GateRejection(500, getClass().getSimpleName() + " answered pending but cannot wait"));
    }

    /** Receives a pending verdict on the request's event loop. */
    interface Listener {
        void onPass();

        void onRejected(GateRejection rejection);
    }
}
