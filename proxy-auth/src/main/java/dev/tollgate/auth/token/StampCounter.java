package dev.tollgate.auth.token;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * Requests stamped on one event loop. Only that loop writes it, so an increment is a plain read and an ordered
 * store (no CAS, no contended cache line between loops); {@link TokenHolder#stats()} reads every loop's counter.
 * A LongAdder would do, but its CAS is the most expensive thing left on the stamping path.
 */
public final class StampCounter {
    private static final AtomicLongFieldUpdater<StampCounter> VALUE =
            AtomicLongFieldUpdater.newUpdater(StampCounter.class, "value");

    private volatile long value;

    StampCounter() {
    }

    /** Called only from the owning event loop. */
    public void increment() {
        VALUE.lazySet(this, value + 1);
    }

    long get() {
        return value;
    }
}
