package dev.tollgate.auth.token;

import static java.util.Objects.requireNonNull;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a holder's refresh and retry timers. The real one schedules on an event loop; tests use a manual one that
 * fires tasks when they move their clock.
 */
@FunctionalInterface
public interface TokenScheduler {

    /** Runs {@code task} after {@code delayNanos}; the returned handle cancels it. */
    Cancellable schedule(Runnable task, long delayNanos);

    /** A scheduled task that can still be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        Cancellable NONE = () -> { };

        void cancel();
    }

    /** Timers on {@code executor} (an event loop of the gateway): no extra thread. */
    static TokenScheduler on(EventExecutor executor) {
        requireNonNull(executor, "executor");
        return (task, delayNanos) -> {
            var future = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
