package dev.tollgate.auth.jwt;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.token.RetryBackoff;
import dev.tollgate.auth.token.TokenClock;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenScheduler;
import dev.tollgate.core.config.GoDuration;
import dev.tollgate.core.log.Log;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * {@code jwk_url}: one key set shared by every endpoint that names the same URL, fetched at start and refreshed
 * off the request path, in the manner of the client-credentials {@code TokenHolder}: exactly one fetch in flight
 * ({@link #fetching}), failures retried with {@link RetryBackoff}, and the last good set kept through an outage
 * (a key set does not expire the way a token does). Requests that arrive before the first set park in a lock-free
 * queue and resume on their own event loop when the fetch completes.
 */
final class RemoteKeyProvider implements KeyProvider {
    private static final Log log = Log.get("auth");

    private final URI url;
    private final long refreshNanos;
    private final long cooldownNanos;
    private final TokenClock clock;
    private final RetryBackoff backoff;

    private volatile KeySet current;
    private volatile String lastError;
    private final AtomicBoolean fetching = new AtomicBoolean();
    /** When the last fetch for an unknown key started; the next one waits out the cool-down from it. */
    private final AtomicLong lastUnknownKeyFetch = new AtomicLong();
    private volatile boolean anyUnknownKeyFetch;
    private final MpscUnboundedArrayQueue<Waiter> waiters = new MpscUnboundedArrayQueue<>(64);
    private final AtomicInteger drainWip = new AtomicInteger();
    private volatile Supplier<CompletableFuture<String>> download;
    private volatile TokenScheduler scheduler;
    private volatile TokenScheduler.Cancellable timer = TokenScheduler.Cancellable.NONE;
    private volatile boolean closed;
    /** Consecutive failures; only touched by the single fetch completion in flight. */
    private int failures;

    RemoteKeyProvider(URI url, Duration refreshEvery, Duration unknownKeyCooldown, TokenClock clock,
                      RetryBackoff backoff) {
        this.url = requireNonNull(url, "url");
        this.refreshNanos = refreshEvery.toNanos();
        this.cooldownNanos = unknownKeyCooldown.toNanos();
        this.clock = requireNonNull(clock, "clock");
        this.backoff = requireNonNull(backoff, "backoff");
    }

    /** Starts the first fetch now, without waiting for a request and without blocking. */
    void start(Supplier<CompletableFuture<String>> download, TokenScheduler scheduler) {
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.download = requireNonNull(download, "download");
        startFetch();
    }

    void close() {
        closed = true;
        timer.cancel();
    }

    @Override
    public KeySet current() {
        return current;
    }

    @Override
    public boolean fetching() {
        return fetching.get();
    }

    @Override
    public boolean refetchForUnknownKey() {
        if (fetching.get()) {
            return true;
        }
        long now = clock.nanoTime();
        long last = lastUnknownKeyFetch.get();
        if (anyUnknownKeyFetch && now - last < cooldownNanos || !lastUnknownKeyFetch.compareAndSet(last, now)) {
            return false; // within the cool-down, or another request just claimed this refetch
        }
        anyUnknownKeyFetch = true;
        return startFetch();
    }

    @Override
    public void afterFetch(EventLoop loop, Runnable then) {
        waiters.offer(new Waiter(requireNonNull(loop, "loop"), requireNonNull(then, "then")));
        // The fetch may have completed between the caller's check and the offer: drain sees the final state.
        drain();
    }

    @Override
    public String unavailableReason() {
        if (current != null) {
            return null;
        }
        String error = lastError;
        return error == null ? "the key set from " + url + " has not loaded yet" : error;
    }

    @Override
    public String describe() {
        return "jwk_url " + url;
    }

    /** @return whether this call started the fetch */
    private boolean startFetch() {
        Supplier<CompletableFuture<String>> d = download;
        if (d == null || closed || !fetching.compareAndSet(false, true)) {
            return false;
        }
        CompletableFuture<String> future;
        try {
            future = d.get();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(new TokenFetchException(TokenFetchException.Reason.CONNECT,
                    "Get \"" + url + "\": " + e.getClass().getSimpleName()));
        }
        future.whenComplete(this::onFetched);
        return true;
    }

    private void onFetched(String document, Throwable error) {
        String problem = error == null ? null : message(error);
        if (problem == null) {
            try {
                KeySet previous = current;
                if (previous == null || !previous.sameSource(document)) {
                    KeySet keys = KeySet.parse(document);
                    current = keys;
                    log.info("auth/validator: " + keys.size() + " key(s) loaded from " + url
                            + (keys.skipped() > 0 ? " (" + keys.skipped() + " unusable key(s) left out)" : ""));
                }
            } catch (KeySet.InvalidKeySetException e) {
                problem = "Get \"" + url + "\": not a usable JWK set: " + e.getMessage();
            }
        }
        if (problem == null) {
            lastError = null;
            if (failures > 0) {
                log.info("auth/validator: key server " + url + " recovered after " + failures + " failed attempt"
                        + (failures == 1 ? "" : "s"));
                failures = 0;
            }
            reschedule(refreshNanos);
        } else {
            failures++;
            lastError = problem;
            boolean haveKeys = current != null;
            long delay = backoff.delayNanos(failures, haveKeys);
            log.error(problem + " (key set fetch failed " + failures + " time" + (failures == 1 ? "" : "s")
                    + " in a row; retrying in " + TimeUnit.NANOSECONDS.toMillis(delay) + "ms"
                    + (haveKeys ? "; the last good key set stays in use" : "") + ")");
            reschedule(delay);
        }
        fetching.set(false);
        drain();
    }

    private void reschedule(long delayNanos) {
        timer.cancel();
        TokenScheduler s = scheduler;
        if (closed || s == null) {
            timer = TokenScheduler.Cancellable.NONE;
            return;
        }
        timer = s.schedule(this::startFetch, delayNanos);
    }

    /** Single consumer of {@link #waiters}: releases every waiter once no fetch is in flight. */
    private void drain() {
        if (drainWip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (!fetching.get()) {
                Waiter waiter = waiters.relaxedPoll();
                if (waiter == null) {
                    break;
                }
                waiter.resume();
            }
            missed = drainWip.addAndGet(-missed);
        } while (missed != 0);
    }

    private String message(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TokenFetchException e) {
            return e.getMessage();
        }
        return "Get \"" + url + "\": " + cause.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "RemoteKeyProvider{" + url + ", refresh " + GoDuration.format(Duration.ofNanos(refreshNanos)) + '}';
    }

    /** A request waiting for a fetch; resumed on its own event loop, as the guard contract requires. */
    private record Waiter(EventLoop loop, Runnable then) {
        void resume() {
            if (loop.inEventLoop()) {
                then.run();
            } else {
                loop.execute(then);
            }
        }
    }
}
