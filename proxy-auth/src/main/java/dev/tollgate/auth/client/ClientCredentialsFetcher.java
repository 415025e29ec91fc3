package dev.tollgate.auth.client;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSSigner;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetcher;
import dev.tollgate.auth.token.TokenResponse;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.URI;
import java.time.Clock;
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
 *
 * <p>The client's proof ({@link ClientProof}) is made afresh for every request: secret and assertion files are
 * read again (rotation without restart) and a signed assertion is never reused. Reading a file or signing runs off
 * the event loops.
 */
public final class ClientCredentialsFetcher implements TokenFetcher {
    private final CredentialSet credentials;
    private final TokenHttpClient http;
    private final Clock clock;
    private final URI uri;
    private final String displayUrl;
    /** {@code private_key_jwt}'s signer, made once from the key loaded with the config; null for other styles. */
    private final JWSSigner keySigner;
    private final SecretRedactor headerRedactor;
    /** Whether making the proof touches a file or signs: then it runs off the event loop. */
    private final boolean proofBlocks;
    /** The style that worked last (auto only); written by the single fetch in flight. */
    private volatile AuthStyle resolved;

    public ClientCredentialsFetcher(CredentialSet credentials, TokenHttpClient http) {
        this(credentials, http, Clock.systemUTC());
    }

    /** @param clock wall time for the assertions' {@code iat} and {@code exp} */
    public ClientCredentialsFetcher(CredentialSet credentials, TokenHttpClient http, Clock clock) {
        this.credentials = requireNonNull(credentials, "credentials");
        this.http = requireNonNull(http, "http");
        this.clock = requireNonNull(clock, "clock");
        this.uri = URI.create(credentials.tokenUrl());
        this.displayUrl = displayUrl(uri);
        ClientAuthentication auth = credentials.authentication();
        this.keySigner = auth instanceof ClientAuthentication.PrivateKeyJwt p ? ClientAssertions.signer(p.key()) : null;
        this.headerRedactor = new SecretRedactor(credentials.tokenRequestHeaders().values().toArray(new String[0]));
        this.proofBlocks = !(auth instanceof ClientAuthentication.TlsClientAuth)
                && !(auth instanceof ClientAuthentication.SharedSecret s && s.secret() instanceof SecretSource.Inline);
        this.resolved = auth.style() == AuthStyle.AUTO ? null : auth.style();
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
        CompletableFuture<ClientProof> proof = proofBlocks
                ? CompletableFuture.supplyAsync(() -> proof(style), GlobalEventExecutor.INSTANCE)
                : CompletableFuture.completedFuture(null).thenApply(ignored -> proof(style));
        return proof.thenCompose(p -> post(p, deadline))
                .exceptionally(error -> {
                    throw new CompletionException(headerRedactor.redact(unwrap(error)));
                });
    }

    private ClientProof proof(AuthStyle style) {
        try {
            return ClientProof.of(credentials.authentication(), style, credentials.clientId(), displayUrl, keySigner,
                    clock.instant());
        } catch (TokenFetchException e) {
            throw new CompletionException(new TokenFetchException(e.reason(), "Post \"" + displayUrl + "\": "
                    + e.getMessage()));
        }
    }

    private CompletableFuture<TokenResponse> post(ClientProof proof, long deadline) {
        long remaining = Math.max(1, deadline - System.nanoTime());
        String prefix = "Post \"" + displayUrl + "\": ";
        String form = FormEncoding.encode(form(proof));
        return http.post(uri, displayUrl, proof.authorization(), credentials.tokenRequestHeaders(), form, remaining)
                .thenApply(answer -> {
                    try {
                        return TokenResponseParser.parse(prefix, answer.status(), answer.statusLine(),
                                answer.contentType(), answer.body());
                    } catch (TokenFetchException e) {
                        throw new CompletionException(proof.redactor().redact(e));
                    }
                })
                .exceptionally(error -> {
                    throw new CompletionException(proof.redactor().redact(withCertificateHint(unwrap(error))));
                });
    }

    /**
     * A TLS alert from a server that asked for a client certificate usually means it refused ours; JSSE's text
     * ("Received fatal alert: bad_certificate") does not say which certificate, so the message does.
     */
    private TokenFetchException withCertificateHint(TokenFetchException e) {
        if (!(credentials.authentication() instanceof ClientAuthentication.TlsClientAuth tls)
                || e.reason() != TokenFetchException.Reason.CONNECT || !e.getMessage().contains("fatal alert: ")) {
            return e;
        }
        return new TokenFetchException(e.reason(), e.getMessage() + " (the token endpoint refused the TLS handshake;"
                + " check that it trusts the client certificate " + tls.certificate().leaf().getSubjectX500Principal()
                .getName() + " from " + tls.certificate().certFile() + ")");
    }

    /** Sorted like Go's url.Values.Encode; the proof's fields override endpoint_params duplicates. */
    private Map<String, List<String>> form(ClientProof proof) {
        Map<String, List<String>> form = new TreeMap<>(credentials.endpointParams());
        form.put("grant_type", List.of("client_credentials"));
        if (!credentials.scopes().isEmpty()) {
            form.put("scope", List.of(String.join(" ", credentials.scopes())));
        }
        form.putAll(proof.fields());
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
