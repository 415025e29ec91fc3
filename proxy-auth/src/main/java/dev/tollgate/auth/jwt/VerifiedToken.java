package dev.tollgate.auth.jwt;

import java.util.List;
import java.util.Map;

/**
 * A token whose signature checked out against {@code keys}: its claims and the parts of them every request checks
 * again (time, issuer, audience), read once. What is cached, until {@code exp}.
 *
 * @param claims   the payload as parsed JSON (numbers as Long or Double, arrays as lists, objects as maps)
 * @param alg      the header's algorithm, compared with each endpoint's configured one
 * @param expMillis {@code exp} in epoch milliseconds, or {@link Long#MAX_VALUE} when absent
 * @param nbfMillis {@code nbf}, or {@link Long#MIN_VALUE} when absent
 * @param iatMillis {@code iat}, or {@link Long#MIN_VALUE} when absent
 * @param keys     the key set it was verified with: a different current set means verify again
 */
record VerifiedToken(Map<String, Object> claims, JwtAlgorithm alg, String issuer, List<String> audience,
                     long expMillis, long nbfMillis, long iatMillis, KeySet keys) implements Verification {
}
