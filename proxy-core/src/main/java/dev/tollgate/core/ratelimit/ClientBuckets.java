package dev.tollgate.core.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One bucket per client key (an IP, a header's value) for one endpoint, shared by all event loops. Memory stays
 * bounded under a flood of distinct keys: a bucket that is full again is the same as no bucket, so a sweep
 * (periodic, and at once when the table reaches its bound) forgets those; if every tracked client is still in
 * debt at the bound, a new key is refused (429) rather than tracked or let through unlimited.
 */
final class ClientBuckets {
    private final RateLimit limit;
    private final int maxClients;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    ClientBuckets(RateLimit limit, int maxClients) {
        this.limit = limit;
        this.maxClients = maxClients;
    }

    /** Takes a token from {@code key}'s bucket. */
    boolean tryTake(String key, long nowNanos) {
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                sweep(nowNanos);
                if (buckets.size() >= maxClients) {
                    return false;
                }
            }
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(limit, nowNanos));
        }
        return bucket.tryTake(nowNanos);
    }

    /** Forgets the buckets that are full again; one sweep at a time, others skip. */
    void sweep(long nowNanos) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            buckets.values().removeIf(b -> b.isFull(nowNanos));
        } finally {
            sweeping.set(false);
        }
    }

    int size() {
        return buckets.size();
    }
}
