package dev.tollgate.auth.jwt;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.client.TokenHttpClient;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetchException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Gets one JWK set document over the client-credentials HTTP client. Like go-auth0 it wants a JSON content type
 * ({@code application/json} or {@code application/jwk-set+json}); stricter than it, a non-2xx answer is a failure
 * too, so an error page can never replace a good key set.
 */
final class JwksDownloader {
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final TokenHttpClient http;
    private final URI url;
    private final String prefix;
    private final long timeoutNanos;

    JwksDownloader(TokenHttpClient http, URI url) {
        this(http, url, TIMEOUT_NANOS);
    }

    JwksDownloader(TokenHttpClient http, URI url, long timeoutNanos) {
        this.http = requireNonNull(http, "http");
        this.url = requireNonNull(url, "url");
        this.prefix = "Get \"" + url + "\": ";
        this.timeoutNanos = timeoutNanos;
    }

    /** The document's text; fails with a {@link TokenFetchException} whose message is fit for logs. */
    CompletableFuture<String> download() {
        return http.get(url, url.toString(), timeoutNanos).thenApply(answer -> {
            if (answer.status() < 200 || answer.status() > 299) {
                throw new CompletionException(new TokenFetchException(Reason.BAD_RESPONSE,
                        prefix + "key server answered " + answer.statusLine()));
            }
            String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/json") && !type.startsWith("application/jwk-set+json")) {
                throw new CompletionException(new TokenFetchException(Reason.BAD_RESPONSE,
                        prefix + "invalid content type \"" + answer.contentType() + "\" (expected application/json "
                                + "or application/jwk-set+json)"));
            }
            return new String(answer.body(), StandardCharsets.UTF_8);
        });
    }
}
