package dev.tollgate.auth;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.auth.client.CredentialSet;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One backend's {@code auth/client-credentials} block, validated. {@link #toString()} redacts the secret.
 *
 * @param clientId       {@code client_id}
 * @param clientSecret   {@code client_secret}; never logged
 * @param tokenUrl       {@code token_url}, an absolute http or https URL (query kept)
 * @param scopes         {@code scopes} split on commas, trimmed, empty items dropped
 * @param endpointParams {@code endpoint_params}: extra form fields, sorted by name
 * @param disabled       {@code is_disabled}
 * @param authStyle      {@code auth_style} (Tollgate addition, default auto)
 * @param tokenTimeout   {@code token_timeout} bounds one whole fetch (Tollgate addition, default 10s)
 * @param refreshMargin  {@code refresh_margin}: refresh this long before expiry (Tollgate addition, default 10s)
 */
public record ClientCredentialsConfig(
        String clientId,
        String clientSecret,
        String tokenUrl,
        List<String> scopes,
        Map<String, List<String>> endpointParams,
        boolean disabled,
        AuthStyle authStyle,
        Duration tokenTimeout,
        Duration refreshMargin) {

    public static final Duration DEFAULT_TOKEN_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(10);

    public ClientCredentialsConfig {
        requireNonNull(clientId, "clientId");
        requireNonNull(clientSecret, "clientSecret");
        requireNonNull(tokenUrl, "tokenUrl");
        scopes = List.copyOf(scopes);
        endpointParams = CredentialSet.immutableSorted(endpointParams);
        requireNonNull(authStyle, "authStyle");
        requireNonNull(tokenTimeout, "tokenTimeout");
        requireNonNull(refreshMargin, "refreshMargin");
    }

    /** Sorted by name (as Go's url.Values.Encode sends them), values copied: equal sets compare equal. */

    /** What makes two backends share one token: everything but {@code is_disabled}. */
    public CredentialSet credentialSet() {
        return new CredentialSet(clientId, clientSecret, tokenUrl, scopes, endpointParams, authStyle, tokenTimeout,
                refreshMargin);
    }

    @Override
    public String toString() {
        return "ClientCredentialsConfig{clientId=" + clientId + ", clientSecret=<redacted>, tokenUrl=" + tokenUrl
                + ", scopes=" + scopes + ", endpointParams=" + CredentialSet.redactedParams(endpointParams)
                + ", disabled=" + disabled + ", authStyle=" + authStyle.configName()
                + ", tokenTimeout=" + tokenTimeout + ", refreshMargin=" + refreshMargin + '}';
    }
}
