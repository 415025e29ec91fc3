package dev.tollgate.auth.token;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A clock and scheduler moved by hand: timers fire when the test advances time past them. Single-threaded. */
final class ManualTime implements TokenClock, TokenScheduler {
    private long now = 1_000_000_000L;
    private final List<Task> tasks = new ArrayList<>();
    private final List<Long> scheduledDelays = new ArrayList<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        Task t = new Task(now + delayNanos, task);
        tasks.add(t);
        scheduledDelays.add(delayNanos);
        return () -> tasks.remove(t);
    }

    void advanceSeconds(double seconds) {
        advanceNanos((long) (seconds * 1e9));
    }

    /** Moves time forward, firing due timers in order at their own due time. */
    void advanceNanos(long nanos) {
        long target = now + nanos;
        while (true) {
            Task next = tasks.stream().filter(t -> t.due <= target).min(Comparator.comparingLong(t -> t.due))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.due);
            next.task.run();
        }
        now = target;
    }

    /** Nanos until the earliest pending timer, or -1. */
    long nextTimerInNanos() {
        return tasks.stream().mapToLong(t -> t.due - now).min().orElse(-1);
    }

    int pendingTimers() {
        return tasks.size();
    }

    List<Long> scheduledDelays() {
        return scheduledDelays;
    }

    static long seconds(double s) {
        return (long) (s * TimeUnit.SECONDS.toNanos(1));
    }

    private record Task(long due, Runnable task) {
    }
}
