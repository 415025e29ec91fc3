package dev.tollgate.auth.jwt;

import java.util.List;
import java.util.Map;

/**
 * krakend-jose's role and scope checks over a token's claims ({@code CanAccess}, {@code ScopesAnyMatcher},
 * {@code ScopesAllMatcher}): the claim is an array of strings or one space-separated string. Where Go would panic
 * (a non-string in a roles array, answered 500), the item simply does not match.
 */
final class ClaimRules {
    private ClaimRules() {
    }

    /** At least one of {@code required} is among the roles; true when nothing is required. */
    static boolean hasAnyRole(Map<String, Object> claims, ClaimPath key, List<String> required) {
        if (required.isEmpty()) {
            return true;
        }
        List<String> given = values(key.find(claims));
        for (String role : required) {
            if (given.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** The scopes check; true when nothing is required. */
    static boolean hasScopes(Map<String, Object> claims, ClaimPath key, List<String> required, boolean all) {
        if (required.isEmpty() || key == null) {
            return true;
        }
        // krakend-jose: an empty array falls through to the string case, which it is not: no scope matches
        List<String> given = values(key.find(claims));
        if (all) {
            return given.containsAll(required);
        }
        for (String scope : required) {
            if (given.contains(scope)) {
                return true;
            }
        }
        return false;
    }

    /** The strings of an array claim, or the space-separated words of a string claim; empty for anything else. */
    private static List<String> values(Object claim) {
        if (claim instanceof String s) {
            return List.of(s.split(" ", -1));
        }
        if (claim instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
