package dev.tollgate.core.ratelimit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A token bucket kept as one number, the generic cell rate algorithm's "theoretical arrival time": a request is
 * allowed when taking its token would not put the bucket more than {@code capacity} tokens in debt, and then moves
 * the time on by one refill interval. Lock-free (one compare-and-set), no allocation, shared by all event loops.
 *
 * <p>Same limits as KrakenD's bucket (full at start, {@code capacity} at once, refilled at the rate), with one
 * deliberate difference: KrakenD refills only once its bucket is empty and counts the idle time before that, so
 * right after an idle period it lets through up to twice its capacity at once; this bucket never more than
 * {@code capacity}.
 */
final class TokenBucket {
    private static final VarHandle TAT;

    static {
        try {
            TAT = MethodHandles.lookup().findVarHandle(TokenBucket.class, "tat", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long intervalNanos;
    private final long burstNanos;
    /** When the bucket is full again; at or before now means full. */
    @SuppressWarnings("unused") // through TAT
    private volatile long tat;

    TokenBucket(RateLimit limit, long nowNanos) {
        this.intervalNanos = limit.intervalNanos();
        this.burstNanos = limit.burstNanos();
        this.tat = nowNanos;
    }

    /** Takes a token if there is one. */
    boolean tryTake(long nowNanos) {
        for (;;) {
            long t = (long) TAT.getVolatile(this);
            long next = (t - nowNanos < 0 ? nowNanos : t) + intervalNanos;
            if (next - nowNanos > burstNanos) {
                return false;
            }
            if (TAT.compareAndSet(this, t, next)) {
                return true;
            }
        }
    }

    /** The bucket is full again: forgetting it changes nothing a client can observe. */
    boolean isFull(long nowNanos) {
        return (long) TAT.getVolatile(this) - nowNanos <= 0;
    }
}
