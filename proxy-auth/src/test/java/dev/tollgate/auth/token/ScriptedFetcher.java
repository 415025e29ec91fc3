package dev.tollgate.auth.token;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A token source the test answers by hand; counts calls so single-flight can be asserted. */
final class ScriptedFetcher implements TokenFetcher {
    final List<CompletableFuture<TokenResponse>> calls = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<TokenResponse> fetch() {
        CompletableFuture<TokenResponse> f = new CompletableFuture<>();
        calls.add(f);
        return f;
    }

    int count() {
        return calls.size();
    }

    CompletableFuture<TokenResponse> last() {
        return calls.get(calls.size() - 1);
    }

    void succeed(String token, long expiresIn) {
        last().complete(new TokenResponse(token, "bearer", expiresIn));
    }

    void fail(String message) {
        last().completeExceptionally(new TokenFetchException(TokenFetchException.Reason.OAUTH_ERROR, message));
    }
}
