package dev.tollgate.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeadlineQueue} on a frozen-time loop: every entry expires at its own deadline, cancelled ones never. */
class DeadlineQueueTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<String> expired = new ArrayList<>();
    private final DeadlineQueue queue;

    DeadlineQueueTest() {
        channel.freezeTime();
        queue = new DeadlineQueue((EventLoop) channel.eventLoop(), TimeUnit.MILLISECONDS.toNanos(100));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private Deadline entry(String name) {
        return new Deadline() {
            @Override
            void expire() {
                expired.add(name);
            }
        };
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void entriesExpireInOrderEachAtItsOwnDeadline() {
        queue.add(entry("a"));
        advance(30);
        queue.add(entry("b"));
        advance(69);
        assertEquals(List.of(), expired, "t = 99");
        advance(1);
        assertEquals(List.of("a"), expired, "t = 100");
        advance(29);
        assertEquals(List.of("a"), expired, "t = 129");
        advance(1);
        assertEquals(List.of("a", "b"), expired, "t = 130");
        assertEquals(0, queue.size());
    }

    @Test
    void aCancelledEntryNeverExpiresAndTheNextOneIsNotLate() {
        Deadline a = entry("a");
        queue.add(a);
        advance(50);
        queue.add(entry("b"));
        a.cancelDeadline();
        a.cancelDeadline(); // idempotent
        advance(50); // the task scheduled for a runs and finds nothing due
        assertEquals(List.of(), expired);
        advance(49);
        assertEquals(List.of(), expired, "t = 149");
        advance(1);
        assertEquals(List.of("b"), expired, "t = 150");
    }

    @Test
    void cancellingTheMiddleAndTheTailKeepsTheListIntact() {
        Deadline a = entry("a");
        Deadline b = entry("b");
        Deadline c = entry("c");
        queue.add(a);
        queue.add(b);
        queue.add(c);
        b.cancelDeadline();
        c.cancelDeadline();
        queue.add(entry("d"));
        assertEquals(2, queue.size());
        advance(100);
        assertEquals(List.of("a", "d"), expired);
    }

    @Test
    void anEntryCanBeAddedAgainAfterItExpiredOrWasCancelled() {
        Deadline a = entry("a");
        queue.add(a);
        advance(100);
        queue.add(a);
        a.cancelDeadline();
        queue.add(a);
        advance(100);
        assertEquals(List.of("a", "a"), expired);
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new DeadlineQueue((EventLoop) channel.eventLoop(), 0));
    }
}
