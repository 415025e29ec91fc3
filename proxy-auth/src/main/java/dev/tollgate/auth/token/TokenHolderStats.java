package dev.tollgate.auth.token;

import java.util.Map;

/**
 * A snapshot of one holder's counters, for logs and a later metrics endpoint. Contains no secret and no token.
 *
 * @param tokenUrl            the token endpoint (user info stripped)
 * @param clientId            the client id
 * @param fetchesOk           successful token fetches
 * @param fetchesFailed       failed fetches by reason
 * @param refreshes           fetches started while a valid token existed (scheduled, or after a backend 401)
 * @param waits               requests that waited for the first (or a replacing) token
 * @param rejected            requests refused because no valid token existed and the provider was failing
 * @param replays             requests sent once more, with a replaced token, after their backend answered 401
 * @param stamped             requests stamped with a token
 * @param hasToken            whether a valid token exists now
 * @param remainingNanos      remaining lifetime of the current token; {@link Long#MAX_VALUE} if it never expires,
 *                            0 without a valid token
 * @param lastFetchNanos      how long the last finished token fetch took (ok or failed); 0 before the first
 */
public record TokenHolderStats(
        String tokenUrl,
        String clientId,
        long fetchesOk,
        Map<TokenFetchException.Reason, Long> fetchesFailed,
        long refreshes,
        long waits,
        long rejected,
        long replays,
        long stamped,
        boolean hasToken,
        long remainingNanos,
        long lastFetchNanos) {

    public TokenHolderStats {
        fetchesFailed = Map.copyOf(fetchesFailed);
    }

    public long fetchesFailedTotal() {
        return fetchesFailed.values().stream().mapToLong(Long::longValue).sum();
    }
}
