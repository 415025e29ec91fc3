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
        Object given = key.find(claims);
        for (int i = 0; i < required.size(); i++) {
            if (contains(given, required.get(i))) {
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
        Object given = key.find(claims);
        for (int i = 0; i < required.size(); i++) {
            boolean found = contains(given, required.get(i));
            if (found && !all) {
                return true;
            }
            if (!found && all) {
                return false;
            }
        }
        return all;
    }

    /**
     * Whether {@code wanted} is an item of an array claim or a space-separated word of a string claim; nothing
     * else matches. Scans in place: this runs on every request, cached token or not.
     */
    static boolean contains(Object claim, String wanted) {
        if (claim instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (wanted.equals(list.get(i))) {
                    return true;
                }
            }
            return false;
        }
        if (!(claim instanceof String s)) {
            return false;
        }
        int from = 0;
        while (from <= s.length()) {
            int end = s.indexOf(' ', from);
            if (end < 0) {
                end = s.length();
            }
            if (end - from == wanted.length() && s.startsWith(wanted, from)) {
                return true;
            }
            from = end + 1;
        }
        return false;
    }
}
