package dev.tollgate.core.ratelimit;

import java.time.Duration;

/**
 * An endpoint's {@code qos/ratelimit/router} block.
 *
 * @param endpoint      the limit all clients share (503 past it), or null
 * @param client        the limit of each client (429 past it), or null
 * @param clientKey     how clients are told apart; null when there is no client limit
 * @param cleanupPeriod how often buckets that are full again are forgotten
 */
public record RouterLimitConfig(RateLimit endpoint, RateLimit client, ClientKey clientKey, Duration cleanupPeriod) {

    boolean limitsNothing() {
        return endpoint == null && client == null;
    }
}
