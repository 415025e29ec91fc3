package dev.tollgate.core.extension;

import io.netty.channel.EventLoop;

/**
 * A precondition of a backend request that may need to wait, such as "an access token exists". The core calls
 * {@link #await} before it takes a backend connection; when the gate is already open that is one call and no
 * allocation.
 *
 * <p>Contract: the gate calls exactly one of the listener's methods, exactly once, on {@code loop} (synchronously
 * when it can answer at once). It never blocks. The core bounds the wait with the endpoint timeout and ignores a
 * late answer, so a gate need not track cancellation.
 */
@FunctionalInterface
public interface BackendGate {

    BackendGate OPEN = (loop, listener) -> listener.onReady();

    void await(EventLoop loop, Listener listener);

    /** Receives the gate's answer on the request's event loop. */
    interface Listener {
        void onReady();

        void onRejected(GateRejection rejection);
    }
}
