package dev.tollgate.auth.cache;

/**
 * One credential set's use of the shared token cache, counted by this instance. No secret, no token.
 *
 * @param tokenUrl       the token endpoint (user info stripped)
 * @param clientId       the client id
 * @param adopted        tokens taken from Redis, stored there by another instance (or by this one earlier)
 * @param fetched        tokens this instance fetched while holding the fleet's lock, then stored for the others
 * @param waited         fetches that waited for another instance's fetch
 * @param localFallbacks fetches sent to the identity provider directly because Redis was down, slow or refusing
 * @param unreadable     stored values that did not open (another encryption key, or garbled): fetched afresh
 * @param redisOutages   times Redis stopped answering (shared by every credential set of this gateway)
 * @param redisUp        whether Redis answers now
 */
public record TokenCacheStats(String tokenUrl, String clientId, long adopted, long fetched, long waited,
                              long localFallbacks, long unreadable, long redisOutages, boolean redisUp) {
}
