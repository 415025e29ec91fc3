package dev.tollgate.auth.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one token request needs, and the registry key of a shared {@code TokenHolder}: immutable, equal when every
 * field is (the authentication by its files and their contents). {@link #toString()} redacts the secret,
 * secret-looking endpoint parameters and every token request header value.
 *
 * @param authentication      how the client authenticates ({@code auth_style} and the fields it uses)
 * @param tokenRequestHeaders {@code token_request_headers}, sorted by name
 * @param ca                  {@code ca_file}, or null for the system roots only
 */
public record CredentialSet(
        String clientId,
        String tokenUrl,
        List<String> scopes,
        Map<String, List<String>> endpointParams,
        ClientAuthentication authentication,
        Map<String, String> tokenRequestHeaders,
        CaFile ca,
        Duration tokenTimeout,
        Duration refreshMargin) {

    public CredentialSet {
        requireNonNull(clientId, "clientId");
        requireNonNull(tokenUrl, "tokenUrl");
        scopes = List.copyOf(scopes);
        endpointParams = immutableSorted(endpointParams);
        requireNonNull(authentication, "authentication");
        tokenRequestHeaders = Collections.unmodifiableMap(new TreeMap<>(tokenRequestHeaders));
        requireNonNull(tokenTimeout, "tokenTimeout");
        requireNonNull(refreshMargin, "refreshMargin");
    }

    public AuthStyle authStyle() {
        return authentication.style();
    }

    /** Whether token requests need a TLS context of their own (a client certificate or a private CA). */
    public boolean needsOwnTls() {
        return ca != null || authentication instanceof ClientAuthentication.TlsClientAuth;
    }

    /** endpoint_params may carry a client_secret (the Auth0 example): its values are hidden. */
    public static Map<String, Object> redactedParams(Map<String, List<String>> params) {
        Map<String, Object> out = new TreeMap<>();
        params.forEach((k, v) -> out.put(k, k.equals("client_secret") ? "<redacted>" : v));
        return out;
    }

    /** Header names only: an API key header is a secret. */
    public static List<String> redactedHeaders(Map<String, String> headers) {
        return headers.keySet().stream().map(name -> name + ": <redacted>").toList();
    }

    @Override
    public String toString() {
        return "CredentialSet{clientId=" + clientId + ", tokenUrl=" + tokenUrl + ", scopes=" + scopes
                + ", endpointParams=" + redactedParams(endpointParams) + ", authStyle=" + authStyle().configName()
                + ", authentication=" + authentication + ", tokenRequestHeaders="
                + redactedHeaders(tokenRequestHeaders) + (ca == null ? "" : ", ca=" + ca) + '}';
    }

    /** Sorted by name, every list copied: two equal sets compare equal whatever order the file had. */
    public static Map<String, List<String>> immutableSorted(Map<String, List<String>> params) {
        Map<String, List<String>> sorted = new TreeMap<>();
        params.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(sorted);
    }
}
