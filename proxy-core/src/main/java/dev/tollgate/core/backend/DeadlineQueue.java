package dev.tollgate.core.backend;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The endpoint timeouts of one route on one event loop. All have the same length, so they expire in the order they
 * were added: a linked list is already sorted, adding and cancelling are O(1), and one scheduled task for the
 * oldest entry serves them all. Netty's {@code schedule} would allocate a task per request and keep a priority
 * queue ordered on every add and cancel; a timeout almost never fires, so that work is wasted on nearly every
 * request.
 *
 * <p>The task is not moved when its entry is cancelled: when it runs it expires what is due and sleeps until the
 * next deadline, if any. Time is the loop's ticker (a frozen-time test loop moves it). Confined to the loop.
 */
final class DeadlineQueue implements Runnable {
    private final EventLoop loop;
    private final long timeoutNanos;
    private Deadline head;
    private Deadline tail;
    private ScheduledFuture<?> wakeUp;

    DeadlineQueue(EventLoop loop, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeoutNanos: " + timeoutNanos + " (expected: > 0)");
        }
        this.loop = loop;
        this.timeoutNanos = timeoutNanos;
    }

    /** Starts {@code d}'s timeout now; {@code d} must not be in a queue. */
    void add(Deadline d) {
        assert d.queue == null;
        d.atNanos = loop.ticker().nanoTime() + timeoutNanos;
        d.queue = this;
        d.prev = tail;
        d.next = null;
        if (tail == null) {
            head = d;
        } else {
            tail.next = d;
        }
        tail = d;
        if (wakeUp == null) {
            wakeUp = loop.schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    void remove(Deadline d) {
        if (d.queue != this) {
            return;
        }
        if (d.prev == null) {
            head = d.next;
        } else {
            d.prev.next = d.next;
        }
        if (d.next == null) {
            tail = d.prev;
        } else {
            d.next.prev = d.prev;
        }
        d.prev = null;
        d.next = null;
        d.queue = null;
    }

    /** Entries waiting, for tests. */
    int size() {
        int n = 0;
        for (Deadline d = head; d != null; d = d.next) {
            n++;
        }
        return n;
    }

    @Override
    public void run() {
        wakeUp = null;
        long now = loop.ticker().nanoTime();
        Deadline d;
        while ((d = head) != null && d.atNanos - now <= 0) {
            remove(d);
            d.expire(); // may add to this queue again: behind everything due now
        }
        if (head != null && wakeUp == null) {
            wakeUp = loop.schedule(this, head.atNanos - now, TimeUnit.NANOSECONDS);
        }
    }
}
