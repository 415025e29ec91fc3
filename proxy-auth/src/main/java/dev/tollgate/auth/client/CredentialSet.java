package dev.tollgate.auth.client;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one token request needs, and the registry key of a shared {@code TokenHolder}: immutable, equal when every
 * field is. {@link #toString()} redacts the secret and secret-looking endpoint parameters.
 */
public record CredentialSet(
        String clientId,
        String clientSecret,
        String tokenUrl,
        List<String> scopes,
        Map<String, List<String>> endpointParams,
        AuthStyle authStyle,
        Duration tokenTimeout,
        Duration refreshMargin) {

    public CredentialSet {
        scopes = List.copyOf(scopes);
        endpointParams = immutableSorted(endpointParams);
    }

    /** endpoint_params may carry a client_secret (the Auth0 example): its values are hidden. */
    public static Map<String, Object> redactedParams(Map<String, List<String>> params) {
        Map<String, Object> out = new TreeMap<>();
        params.forEach((k, v) -> out.put(k, k.equals("client_secret") ? "<redacted>" : v));
        return out;
    }

    @Override
    public String toString() {
        return "CredentialSet{clientId=" + clientId + ", clientSecret=<redacted>, tokenUrl=" + tokenUrl
                + ", scopes=" + scopes + ", endpointParams=" + redactedParams(endpointParams)
                + ", authStyle=" + authStyle.configName() + '}';
    }

    /** Sorted by name, every list copied: two equal sets compare equal whatever order the file had. */
    public static Map<String, List<String>> immutableSorted(Map<String, List<String>> params) {
        Map<String, List<String>> sorted = new TreeMap<>();
        params.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(sorted);
    }
}
