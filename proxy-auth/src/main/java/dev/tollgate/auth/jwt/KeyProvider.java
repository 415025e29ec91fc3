package dev.tollgate.auth.jwt;

import io.netty.channel.EventLoop;

/**
 * The key set an endpoint's tokens are verified with, as the guard sees it: read on every cache miss, so
 * {@link #current()} is one volatile read; waiting happens only while a fetch is in flight.
 */
interface KeyProvider {

    /** The set to verify with, or null while none has ever loaded. */
    KeySet current();

    /** True while a fetch is in flight (a request may wait for it). */
    boolean fetching();

    /**
     * A token names a key the current set lacks: fetch again unless one fetch is in flight or the last one started
     * less than the cool-down ago, so forged key ids cannot turn requests into key-server requests.
     *
     * @return whether a fetch is now in flight, worth waiting for
     */
    boolean refetchForUnknownKey();

    /** Runs {@code then} on {@code loop} once no fetch is in flight (at once when none is). */
    void afterFetch(EventLoop loop, Runnable then);

    /** Why no key set is available, for the log; null when one is. */
    String unavailableReason();

    /** How logs name the key source. */
    String describe();
}
