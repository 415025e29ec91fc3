package dev.tollgate.core.log;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Per-request error lines of one endpoint, at most one per interval (1s) and kind of message, so an outage (an
 * identity provider down, a backend refusing, clients timing out) writes a line a second instead of one per
 * request. The first line of each kind is written at once; the next one after the interval carries how many were
 * left out: {@code ... (and 523 more like this in the last 1.2s)}, so the log still says why and how often.
 *
 * <p>Shared by all event loops: a suppressed line costs a clock read and a {@link LongAdder} increment (no
 * contended CAS); only the one call per interval that wins the window formats and logs.
 *
 * @param <K> the kinds of message, e.g. an enum of an exchange's failure reasons
 */
public final class RateLimitedLog<K extends Enum<K>> {
    public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Log log;
    private final String endpoint;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Window[] windows;

    /** One kind's state: when the next line may be written, and what was left out since the last one. */
    private static final class Window {
        final AtomicLong nextAllowed;
        final LongAdder suppressed = new LongAdder();
        volatile long lastWritten;

        Window(long now) {
            nextAllowed = new AtomicLong(now);
        }
    }

    public RateLimitedLog(Log log, String endpoint, Class<K> kinds) {
        this(log, endpoint, kinds, DEFAULT_INTERVAL_NANOS, System::nanoTime);
    }

    /** With an injected clock (nanoseconds, like {@link System#nanoTime()}) for tests. */
    public RateLimitedLog(Log log, String endpoint, Class<K> kinds, long intervalNanos, LongSupplier nanoClock) {
        this.log = requireNonNull(log, "log");
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos: " + intervalNanos + " (expected: > 0)");
        }
        this.intervalNanos = intervalNanos;
        int n = requireNonNull(kinds, "kinds").getEnumConstants().length;
        long now = nanoClock.getAsLong();
        windows = new Window[n];
        for (int i = 0; i < n; i++) {
            windows[i] = new Window(now);
        }
    }

    /** Logs {@code [ENDPOINT: /x] message} unless a line of this kind was written less than an interval ago. */
    public void endpointError(K kind, String message) {
        Window w = windows[kind.ordinal()];
        long now = nanoClock.getAsLong();
        long next = w.nextAllowed.get();
        if (now - next < 0 || !w.nextAllowed.compareAndSet(next, now + intervalNanos)) {
            w.suppressed.increment();
            return;
        }
        long left = w.suppressed.sumThenReset();
        long since = now - w.lastWritten;
        w.lastWritten = now;
        if (left > 0) {
            message = message + " (and " + left + " more like this in the last " + seconds(since) + ")";
        }
        log.endpointError(endpoint, message);
    }



    private static String seconds(long nanos) {
        long tenths = TimeUnit.NANOSECONDS.toMillis(nanos) / 100;
        return tenths / 10 + "." + tenths % 10 + "s";
    }
}
