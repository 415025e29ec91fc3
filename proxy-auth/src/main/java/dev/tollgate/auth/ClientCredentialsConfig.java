package dev.tollgate.auth;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.auth.client.CaFile;
import dev.tollgate.auth.client.ClientAuthentication;
import dev.tollgate.auth.client.CredentialSet;
import dev.tollgate.auth.client.SecretSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One backend's {@code auth/client-credentials} block, validated, its keys and certificates loaded.
 * {@link #toString()} redacts every secret and shows no key.
 *
 * @param clientId            {@code client_id}
 * @param tokenUrl            {@code token_url}, an absolute http or https URL (query kept)
 * @param scopes              {@code scopes} split on commas, trimmed, empty items dropped
 * @param endpointParams      {@code endpoint_params}: extra form fields, sorted by name
 * @param disabled            {@code is_disabled}
 * @param authentication      {@code auth_style} (Tollgate addition, default auto) and the fields it uses
 * @param tokenRequestHeaders {@code token_request_headers}: extra headers on every token request
 * @param ca                  {@code ca_file}: a private CA trusted for the token URL; null for the system roots
 * @param tokenTimeout        {@code token_timeout} bounds one whole fetch (Tollgate addition, default 10s)
 * @param refreshMargin       {@code refresh_margin}: refresh this long before expiry (Tollgate addition, default 10s)
 * @param noTokenStatus       {@code no_token_status}: what a client gets without a valid token (default 500)
 * @param replayOn401         {@code replay_on_401}: a bodiless request the backend refuses with 401 is sent once
 *                            more with the replaced token (Tollgate addition, default true)
 * @param replayBodyLimit     {@code replay_body_limit}: the largest request body kept so it can be replayed too
 *                            (Tollgate addition, default 64 KiB; 0 replays bodiless requests only)
 */
public record ClientCredentialsConfig(
        String clientId,
        String tokenUrl,
        List<String> scopes,
        Map<String, List<String>> endpointParams,
        boolean disabled,
        ClientAuthentication authentication,
        Map<String, String> tokenRequestHeaders,
        CaFile ca,
        Duration tokenTimeout,
        Duration refreshMargin,
        int noTokenStatus,
        boolean replayOn401,
        int replayBodyLimit) {

    /** KrakenD has no replay; Tollgate keeps up to this much of a body so a 401 can be replayed with it. */
    public static final int DEFAULT_REPLAY_BODY_LIMIT = 64 * 1024;

    public static final Duration DEFAULT_TOKEN_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(10);
    /** KrakenD's answer when the token cannot be had. */
    public static final int DEFAULT_NO_TOKEN_STATUS = 500;
    public static final List<Integer> NO_TOKEN_STATUSES = List.of(500, 502, 503);

    public ClientCredentialsConfig {
        requireNonNull(clientId, "clientId");
        requireNonNull(tokenUrl, "tokenUrl");
        scopes = List.copyOf(scopes);
        endpointParams = CredentialSet.immutableSorted(endpointParams);
        requireNonNull(authentication, "authentication");
        tokenRequestHeaders = Map.copyOf(tokenRequestHeaders);
        requireNonNull(tokenTimeout, "tokenTimeout");
        requireNonNull(refreshMargin, "refreshMargin");
        if (!NO_TOKEN_STATUSES.contains(noTokenStatus)) {
            throw new IllegalArgumentException("noTokenStatus: " + noTokenStatus + " (expected: one of "
                    + NO_TOKEN_STATUSES + ")");
        }
    }

    /** A block with an inline secret and one of the secret styles ({@code auto}, {@code header}, {@code params}). */
    public ClientCredentialsConfig(String clientId, String clientSecret, String tokenUrl, List<String> scopes,
                                   Map<String, List<String>> endpointParams, boolean disabled, AuthStyle authStyle,
                                   Duration tokenTimeout, Duration refreshMargin) {
        this(clientId, tokenUrl, scopes, endpointParams, disabled,
                new ClientAuthentication.SharedSecret(authStyle, new SecretSource.Inline(clientSecret)), Map.of(),
                null, tokenTimeout, refreshMargin, DEFAULT_NO_TOKEN_STATUS, true, DEFAULT_REPLAY_BODY_LIMIT);
    }

    public AuthStyle authStyle() {
        return authentication.style();
    }

    /** What makes two backends share one token: everything but {@code is_disabled} and {@code no_token_status}. */
    public CredentialSet credentialSet() {
        return new CredentialSet(clientId, tokenUrl, scopes, endpointParams, authentication, tokenRequestHeaders, ca,
                tokenTimeout, refreshMargin);
    }

    @Override
    public String toString() {
        return "ClientCredentialsConfig{clientId=" + clientId + ", tokenUrl=" + tokenUrl
                + ", scopes=" + scopes + ", endpointParams=" + CredentialSet.redactedParams(endpointParams)
                + ", disabled=" + disabled + ", authStyle=" + authStyle().configName()
                + ", authentication=" + authentication
                + ", tokenRequestHeaders=" + CredentialSet.redactedHeaders(tokenRequestHeaders)
                + (ca == null ? "" : ", ca=" + ca)
                + ", tokenTimeout=" + tokenTimeout + ", refreshMargin=" + refreshMargin
                + ", noTokenStatus=" + noTokenStatus + ", replayOn401=" + replayOn401 + ", replayBodyLimit=" + replayBodyLimit + '}';
    }
}
