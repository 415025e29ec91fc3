package dev.tollgate.auth.jwt;

import java.util.List;
import java.util.Map;

/**
 * Where a claim sits in the token's payload: a top-level name, or a dotted path into nested objects
 * ({@code realm_access.roles}, Keycloak's shape). Names that start with {@code http} are URIs (Auth0's namespaced
 * claims, {@code https://example.com/roles}) and are never split, as krakend-jose does for roles and propagation.
 *
 * @param name     the claim as configured, for messages
 * @param segments the object keys to follow, at least one
 */
public record ClaimPath(String name, List<String> segments) {

    public ClaimPath {
        segments = List.copyOf(segments);
    }

    /** A claim looked up by its whole name. */
    public static ClaimPath top(String name) {
        return new ClaimPath(name, List.of(name));
    }

    /** Split on dots, unless {@code name} is a URI-style claim. */
    public static ClaimPath nested(String name) {
        if (!name.contains(".") || name.startsWith("http")) {
            return top(name);
        }
        return new ClaimPath(name, List.of(name.split("\\.", -1)));
    }

    /** The claim's value, or null when a step is missing or is not an object. */
    public Object find(Map<String, Object> claims) {
        Map<?, ?> at = claims;
        for (int i = 0; i < segments.size() - 1; i++) {
            if (!(at.get(segments.get(i)) instanceof Map<?, ?> next)) {
                return null;
            }
            at = next;
        }
        return at.get(segments.get(segments.size() - 1));
    }
}
