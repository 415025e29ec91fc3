package dev.tollgate.core.ratelimit;

/**
 * One limit as KrakenD states it: tokens per second (already scaled by {@code every}) and the bucket's capacity.
 *
 * @param perSecond tokens added per second, greater than zero
 * @param capacity  tokens the bucket holds, at least 1
 */
public record RateLimit(double perSecond, long capacity) {
    /** KrakenD's floor for a rate (krakendrate.NewTokenBucket): below it a bucket would never refill. */
    static final double MIN_RATE = 1e-9;

    public RateLimit {
        if (!(perSecond > 0) || capacity < 1) {
            throw new IllegalArgumentException("rate " + perSecond + ", capacity " + capacity);
        }
        perSecond = Math.max(perSecond, MIN_RATE);
    }

    /** Nanoseconds between two tokens, as KrakenD's {@code int64(1e9 / rate)}. */
    long intervalNanos() {
        return Math.max(1, (long) (1e9 / perSecond));
    }

    /** How far in debt the bucket may go: {@code capacity} intervals, saturated instead of overflowing. */
    long burstNanos() {
        long interval = intervalNanos();
        return capacity > Long.MAX_VALUE / 4 / interval ? Long.MAX_VALUE / 4 : capacity * interval;
    }

    @Override
    public String toString() {
        return perSecond + "/s, capacity " + capacity;
    }
}
