package dev.tollgate.auth.token;

import java.util.concurrent.CompletableFuture;

/**
 * Asks the identity provider for a new token. The {@link TokenHolder} guarantees at most one call in flight.
 * The future fails with a {@link TokenFetchException} whose message is fit for logs (no secret, no token).
 */
@FunctionalInterface
public interface TokenFetcher {
    CompletableFuture<TokenResponse> fetch();
}
