package dev.tollgate.core.backend;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/**
 * The redirects one exchange follows: how many so far, the one whose body is being read, and the hop being sent.
 * {@link Redirects} holds Go's rules; this holds one exchange's place in them. Created at the exchange's first
 * redirect, so an exchange without one allocates nothing for it. Touches no channel.
 */
final class RedirectChain {
    /** Where the exchange's first request went: cookies follow a redirect only within its domain. */
    private final BackendHost first;
    /** A redirect to follow once its body has been read. */
    private Redirects.Hop pending;
    private boolean pendingKeepAlive;
    /** The hop being sent now; null while the exchange's first request is. */
    private Redirects.Hop following;
    private int followed;

    /** @param first where the exchange's first request went */
    RedirectChain(BackendHost first) {
        this.first = first;
    }

    /**
     * Decides whether {@code response} is a redirect to follow; false when it goes to the client as it is. A
     * redirect to follow is pending until {@link #follow()}.
     *
     * @param sent     the request head {@code response} answers
     * @param sentTo   where it went
     * @param bodySent whether it had body bytes
     * @param hosts    the backend's host list
     * @throws IllegalArgumentException when it is a redirect that cannot be followed (a bad {@code Location}, one
     *                                  too many); the message says why and from where
     */
    boolean start(HttpResponse response, HttpRequest sent, BackendHost sentTo, boolean bodySent,
                  BackendHost[] hosts) {
        Redirects.Hop hop;
        try {
            hop = Redirects.next(response, sent, sentTo, bodySent, hosts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(response.status().code() + " from " + sentTo + ": " + e.getMessage(), e);
        }
        if (hop == null) {
            return false;
        }
        if (followed == Redirects.MAX) {
            throw new IllegalArgumentException(
                    "stopped after " + Redirects.MAX + " redirects (last from " + sentTo + ")");
        }
        pending = hop;
        pendingKeepAlive = HttpUtil.isKeepAlive(response);
        return true;
    }

    /** A redirect is waiting for its body to be read. */
    boolean pending() {
        return pending != null;
    }

    /** Whether the connection that carried the pending redirect may go back to its pool. */
    boolean pendingKeepAlive() {
        return pendingKeepAlive;
    }

    /** The pending redirect's body has been read: it becomes the hop being sent, which is returned. */
    Redirects.Hop follow() {
        Redirects.Hop hop = pending;
        pending = null;
        followed++;
        following = hop;
        return hop;
    }

    /**
     * The request for the hop being sent, from {@code built} (the backend request Tollgate builds from the
     * client's for the hop's target); {@code built} itself before the first hop.
     */
    HttpRequest request(HttpRequest built) {
        return following == null ? built : Redirects.request(following, built, first);
    }

    /** Redirects followed so far. */
    int followed() {
        return followed;
    }
}
