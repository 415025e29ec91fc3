package dev.tollgate.auth.client;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.auth.client.CredentialSet;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetcher;
import dev.tollgate.auth.token.TokenResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The client-credentials grant for one credential set: builds the form, authenticates per {@code auth_style} and
 * parses the answer. With {@code auto} it tries HTTP Basic first and, on any error, the form body, then remembers
 * what worked; when both fail it reports the second error (golang/oauth2#786: KrakenD's first error is lost anyway).
 * {@code token_timeout} bounds the whole fetch, fallback included.
 */
public final class ClientCredentialsFetcher implements TokenFetcher {
    private final CredentialSet credentials;
    private final TokenHttpClient http;
    private final URI uri;
    private final String displayUrl;
    private final String basicAuthorization;
    private final String formWithoutCredentials;
    private final String formWithCredentials;
    private final SecretRedactor redactor;
    /** The style that worked last (auto only); written by the single fetch in flight. */
    private volatile AuthStyle resolved;

    public ClientCredentialsFetcher(CredentialSet credentials, TokenHttpClient http) {
        this.credentials = requireNonNull(credentials, "credentials");
        this.http = requireNonNull(http, "http");
        this.uri = URI.create(credentials.tokenUrl());
        this.displayUrl = displayUrl(uri);
        String userPass = FormEncoding.queryEscape(credentials.clientId()) + ':'
                + FormEncoding.queryEscape(credentials.clientSecret());
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
        this.formWithoutCredentials = FormEncoding.encode(form(false));
        this.formWithCredentials = FormEncoding.encode(form(true));
        this.redactor = new SecretRedactor(credentials.clientSecret(), basicAuthorization);
        this.resolved = credentials.authStyle() == AuthStyle.AUTO ? null : credentials.authStyle();
    }

    /** The token URL as logs show it: without user info. */
    public static String displayUrl(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public String displayUrl() {
        return displayUrl;
    }

    /** The style that worked last, or null while auto has not decided yet. */
    public AuthStyle resolvedStyle() {
        return resolved;
    }

    @Override
    public CompletableFuture<TokenResponse> fetch() {
        long deadline = System.nanoTime() + credentials.tokenTimeout().toNanos();
        AuthStyle style = resolved;
        if (style != null) {
            return attempt(style, deadline);
        }
        CompletableFuture<TokenResponse> result = new CompletableFuture<>();
        attempt(AuthStyle.HEADER, deadline).whenComplete((token, firstError) -> {
            if (firstError == null) {
                resolved = AuthStyle.HEADER;
                result.complete(token);
                return;
            }
            if (deadline - System.nanoTime() <= 0) {
                result.completeExceptionally(unwrap(firstError));
                return;
            }
            attempt(AuthStyle.PARAMS, deadline).whenComplete((token2, secondError) -> {
                if (secondError == null) {
                    resolved = AuthStyle.PARAMS;
                    result.complete(token2);
                } else {
                    result.completeExceptionally(unwrap(secondError));
                }
            });
        });
        return result;
    }

    private CompletableFuture<TokenResponse> attempt(AuthStyle style, long deadline) {
        boolean header = style == AuthStyle.HEADER;
        long remaining = Math.max(1, deadline - System.nanoTime());
        String prefix = "Post \"" + displayUrl + "\": ";
        return http.post(uri, displayUrl, header ? basicAuthorization : null,
                        header ? formWithoutCredentials : formWithCredentials, remaining)
                .thenApply(answer -> {
                    try {
                        return TokenResponseParser.parse(prefix, answer.status(), answer.statusLine(),
                                answer.contentType(), answer.body());
                    } catch (TokenFetchException e) {
                        throw new CompletionException(redactor.redact(e));
                    }
                })
                .exceptionally(error -> {
                    throw new CompletionException(redactor.redact(unwrap(error)));
                });
    }

    /** Sorted like Go's url.Values.Encode; client_id/client_secret override endpoint_params duplicates. */
    private Map<String, List<String>> form(boolean withCredentials) {
        Map<String, List<String>> form = new TreeMap<>(credentials.endpointParams());
        form.put("grant_type", List.of("client_credentials"));
        if (!credentials.scopes().isEmpty()) {
            form.put("scope", List.of(String.join(" ", credentials.scopes())));
        }
        if (withCredentials) {
            form.put("client_id", List.of(credentials.clientId()));
            form.put("client_secret", List.of(credentials.clientSecret()));
        }
        return form;
    }

    private static TokenFetchException unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TokenFetchException e) {
            return e;
        }
        return new TokenFetchException(TokenFetchException.Reason.CONNECT, cause.getClass().getSimpleName());
    }

    @Override
    public String toString() {
        return "ClientCredentialsFetcher{" + credentials + '}';
    }
}
