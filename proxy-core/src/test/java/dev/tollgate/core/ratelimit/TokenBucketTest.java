package dev.tollgate.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bucket on an injected clock: full at start, capacity at once, refilled at the rate, never over capacity. */
class TokenBucketTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static int takeAll(TokenBucket b, long now) {
        int n = 0;
        while (b.tryTake(now)) {
            n++;
        }
        return n;
    }

    @Test
    void fullAtStartThenRefilledAtTheRate() {
        long t = 1_000 * SECOND;
        TokenBucket b = new TokenBucket(new RateLimit(10, 5), t);
        assertEquals(5, takeAll(b, t), "capacity at once");
        assertFalse(b.tryTake(t + SECOND / 10 - 1), "not before one interval");
        assertTrue(b.tryTake(t + SECOND / 10));
        assertEquals(5, takeAll(b, t + 2 * SECOND), "refilled, but never above the capacity");
        assertEquals(3, takeAll(b, t + 2 * SECOND + 3 * SECOND / 10), "three intervals, three tokens");
    }

    @Test
    void neverMoreThanCapacityEvenAfterALongIdle() {
        long t = -5 * SECOND; // nanoTime may be negative
        TokenBucket b = new TokenBucket(new RateLimit(1, 3), t);
        assertEquals(3, takeAll(b, t + 3600 * SECOND), "KrakenD's bucket would let 2 x 3 + 1 through here");
        assertFalse(b.isFull(t + 3600 * SECOND));
        assertTrue(b.isFull(t + 3603 * SECOND), "full again after capacity / rate");
    }

    @Test
    void slowRatesAndHugeCapacitiesDoNotOverflow() {
        TokenBucket slow = new TokenBucket(new RateLimit(1.0 / 600, 1), 0);
        assertTrue(slow.tryTake(0));
        assertFalse(slow.tryTake(599 * SECOND));
        assertTrue(slow.tryTake(600 * SECOND), "one per 10 minutes");
        TokenBucket huge = new TokenBucket(new RateLimit(1e9, Long.MAX_VALUE), 0);
        for (int i = 0; i < 1000; i++) {
            assertTrue(huge.tryTake(0));
        }
    }

    @Test
    void concurrentTakersGetExactlyTheCapacity() throws Exception {
        TokenBucket b = new TokenBucket(new RateLimit(1, 10_000), 0);
        int[] taken = new int[4];
        Thread[] threads = new Thread[4];
        for (int i = 0; i < 4; i++) {
            int k = i;
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 5_000; j++) {
                    if (b.tryTake(0)) {
                        taken[k]++;
                    }
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(10_000, taken[0] + taken[1] + taken[2] + taken[3]);
    }
}
