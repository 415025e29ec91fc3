package dev.tollgate.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Per-client buckets stay bounded under a flood of distinct keys without letting anyone through unlimited. */
class ClientBucketsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void eachClientHasItsOwnBucket() {
        ClientBuckets b = new ClientBuckets(new RateLimit(1, 2), 100);
        assertTrue(b.tryTake("a", 0));
        assertTrue(b.tryTake("a", 0));
        assertFalse(b.tryTake("a", 0));
        assertTrue(b.tryTake("b", 0), "another client is not affected");
    }

    @Test
    void bucketsThatAreFullAgainAreForgotten() {
        ClientBuckets b = new ClientBuckets(new RateLimit(1, 2), 100);
        for (int i = 0; i < 50; i++) {
            b.tryTake("client-" + i, 0);
        }
        b.sweep(SECOND / 2);
        assertEquals(50, b.size(), "still in debt half a second later");
        b.sweep(SECOND);
        assertEquals(0, b.size(), "one token each, refilled after a second: nothing to remember");
    }

    @Test
    void atTheBoundNewClientsAreRefusedUntilOthersAreFullAgain() {
        ClientBuckets b = new ClientBuckets(new RateLimit(1, 1), 3);
        assertTrue(b.tryTake("a", 0));
        assertTrue(b.tryTake("b", 0));
        assertTrue(b.tryTake("c", 0));
        assertFalse(b.tryTake("d", 0), "every tracked client is in debt: a new one is not tracked, nor unlimited");
        assertEquals(3, b.size());
        assertTrue(b.tryTake("d", SECOND), "a second later the others are full again and forgotten");
        assertEquals(1, b.size());
    }
}
