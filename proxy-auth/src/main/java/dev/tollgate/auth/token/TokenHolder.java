package dev.tollgate.auth.token;

import static java.util.Objects.requireNonNull;

import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.log.Log;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * The current access token of one credential set, shared by every backend that uses that set, and the gate that
 * makes requests wait for the first token.
 *
 * <p>Reading is one volatile read ({@link #current()}). Writing happens only when a fetch completes, and
 * {@link #fetching} guarantees exactly one fetch in flight whatever the concurrency. Requests that arrive before any
 * valid token park in a lock-free MPSC queue and are resumed on their own event loop when that fetch completes.
 * A timer refreshes the token {@code refresh_margin} before it expires, off the request path; failures are retried
 * with {@link RetryBackoff} while the current token is stamped until its real expiry, never after.
 */
public final class TokenHolder implements BackendGate {
    private static final Log log = Log.get("auth");
    /** A backend 401 replaces a token at most this soon after it arrived, so a backend that always says 401 cannot
     *  turn every request into a token request. */
    static final long STALE_MIN_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_LIFETIME_NANOS = Long.MAX_VALUE / 4;
    /** KrakenD's status when no token can be had. */
    public static final int DEFAULT_NO_TOKEN_STATUS = 500;
    private static final String RETRY_AFTER = "Retry-After";
    private static final long NO_RETRY = Long.MIN_VALUE;

    /** The last fetch's failure: its log message and when the next attempt runs (holder clock, or NO_RETRY). */
    private record Failure(String message, long retryAtNanos) {
    }

    private final String tokenUrl;
    private final String clientId;
    private final long refreshMarginNanos;
    /** When the fetch in flight started (written before it starts, read when it ends: the CAS orders them). */
    private long fetchStartedNanos;
    /** How long the last finished fetch took, for metrics. */
    private volatile long lastFetchNanos;
    private final TokenClock clock;
    private final RetryBackoff backoff;

    private volatile AccessToken current;
    /** Non-null while the last fetch failed: what a request is told when no valid token exists. */
    private volatile Failure lastFailure;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private final MpscUnboundedArrayQueue<Waiter> waiters = new MpscUnboundedArrayQueue<>(64);
    private final AtomicInteger drainWip = new AtomicInteger();
    private volatile TokenFetcher fetcher;
    private volatile TokenScheduler scheduler;
    private volatile TokenScheduler.Cancellable timer = TokenScheduler.Cancellable.NONE;
    private volatile boolean closed;
    /** Consecutive failures; only touched by the single fetch completion in flight. */
    private int failures;
    private boolean warnedNeverExpires;
    private boolean warnedShortLifetime;

    private final LongAdder fetchesOk = new LongAdder();
    private final Map<TokenFetchException.Reason, LongAdder> fetchesFailed =
            new EnumMap<>(TokenFetchException.Reason.class);
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    /** Requests sent once more after a backend 401 with a replaced token. */
    private final LongAdder replays = new LongAdder();
    /** One counter per event loop that stamps for this holder; looked up once per connection, not per request. */
    private final ConcurrentHashMap<EventExecutor, StampCounter> stampCounters = new ConcurrentHashMap<>();

    public TokenHolder(String tokenUrl, String clientId, Duration refreshMargin, TokenClock clock,
                       RetryBackoff backoff) {
        this.tokenUrl = requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = requireNonNull(clientId, "clientId");
        this.refreshMarginNanos = requireNonNull(refreshMargin, "refreshMargin").toNanos();
        this.clock = requireNonNull(clock, "clock");
        this.backoff = requireNonNull(backoff, "backoff");
        for (TokenFetchException.Reason reason : TokenFetchException.Reason.values()) {
            fetchesFailed.put(reason, new LongAdder());
        }
    }

    /** The current token, or null before the first one. One volatile read; validity is the gate's job. */
    public AccessToken current() {
        return current;
    }

    /**
     * Starts fetching: the first fetch begins now, without waiting for a request (and without blocking).
     * Before this, requests park and {@link #publish} is the only source of tokens.
     */
    public void start(TokenFetcher fetcher, TokenScheduler scheduler) {
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.fetcher = requireNonNull(fetcher, "fetcher");
        startFetch(false);
    }

    /** Publishes a token obtained elsewhere (benchmarks, tests); releases waiting requests. */
    public void publish(AccessToken token) {
        current = requireNonNull(token, "token");
        lastFailure = null;
        drain();
    }

    /** Cancels timers; later fetch completions are ignored for scheduling. */
    public void close() {
        closed = true;
        timer.cancel();
    }

    @Override
    public void await(EventLoop loop, Listener listener) {
        await(loop, listener, DEFAULT_NO_TOKEN_STATUS);
    }

    /**
     * As the gate's {@link #await(EventLoop, Listener)}, with the status a rejected request gets
     * ({@code no_token_status}, which backends sharing this holder may set differently). A rejection says
     * {@code Retry-After} when the next fetch attempt is scheduled.
     */
    public void await(EventLoop loop, Listener listener, int noTokenStatus) {
        AccessToken token = current;
        if (token != null && token.isValidAt(clock.nanoTime())) {
            listener.onReady();
            return;
        }
        Failure failure = lastFailure;
        if (failure != null && !fetching.get()) {
            // The provider is failing and no valid token exists: fail fast, the retry timer is already set.
            rejected.increment();
            listener.onRejected(rejection(failure, noTokenStatus));
            return;
        }
        waits.increment();
        waiters.offer(new Waiter(requireNonNull(loop, "loop"), requireNonNull(listener, "listener"), noTokenStatus,
                null));
        if (!fetching.get() && lastFailure == null) {
            startFetch(false); // e.g. a published token expired; after a failure the retry timer decides
        }
        // The fetch may have completed between the checks above and the offer: drain sees the final state.
        drain();
    }

    /**
     * Whether a token other than {@code stale} exists or is being fetched: what a request refused with 401 may be
     * replayed with. False when {@link #markStale} declined (the token was too fresh to blame, or the provider is
     * failing): then the 401 goes to the client.
     */
    public boolean replacing(AccessToken stale) {
        AccessToken token = current;
        return token != stale || fetching.get();
    }

    /**
     * As {@link #await(EventLoop, Listener, int)}, but only a token other than {@code stale} will do: the replay
     * of a request the backend refused with 401 waits for the refresh that 401 started.
     */
    public void awaitReplacement(AccessToken stale, EventLoop loop, Listener listener, int noTokenStatus) {
        replays.increment();
        AccessToken token = current;
        if (token != null && token != stale && token.isValidAt(clock.nanoTime())) {
            listener.onReady();
            return;
        }
        waits.increment();
        waiters.offer(new Waiter(requireNonNull(loop, "loop"), requireNonNull(listener, "listener"), noTokenStatus,
                stale));
        drain();
    }

    /** A backend answered 401 to a request stamped with {@code stampedToken}: replace it (single-flight). */
    public void markStale(AccessToken stampedToken) {
        AccessToken token = current;
        if (token == null || token != stampedToken) {
            return; // already replaced
        }
        if (clock.nanoTime() - token.issuedAtNanos() < STALE_MIN_AGE_NANOS || lastFailure != null) {
            return; // too fresh to be the problem, or the provider is failing and the retry timer is set
        }
        if (!fetching.get()) {
            // Once per replacement (single flight), never per request: a revoked token is news, a flood is not.
            log.info("a backend answered 401 to the current token of client_id " + clientId + " (" + tokenUrl
                    + "): fetching a new one; requests refused with it are replayed once it arrives");
        }
        startFetch(true);
    }

    /**
     * The stamp counter of {@code loop}, for a handler to keep for its connection's lifetime and increment on that
     * loop only.
     */
    public StampCounter stampCounter(EventExecutor loop) {
        return stampCounters.computeIfAbsent(requireNonNull(loop, "loop"), l -> new StampCounter());
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    public String clientId() {
        return clientId;
    }

    public TokenHolderStats stats() {
        Map<TokenFetchException.Reason, Long> failed = new EnumMap<>(TokenFetchException.Reason.class);
        fetchesFailed.forEach((reason, count) -> failed.put(reason, count.sum()));
        AccessToken token = current;
        long now = clock.nanoTime();
        boolean valid = token != null && token.isValidAt(now);
        return new TokenHolderStats(tokenUrl, clientId, fetchesOk.sum(), failed, refreshes.sum(), waits.sum(),
                rejected.sum(), replays.sum(), stampedTotal(), valid, valid ? token.remainingNanos(now) : 0,
                lastFetchNanos);
    }

    private long stampedTotal() {
        long total = 0;
        for (StampCounter c : stampCounters.values()) {
            total += c.get();
        }
        return total;
    }

    private void startFetch(boolean countAsRefresh) {
        TokenFetcher f = fetcher;
        if (f == null || closed || !fetching.compareAndSet(false, true)) {
            return;
        }
        if (countAsRefresh) {
            refreshes.increment();
        }
        fetchStartedNanos = clock.nanoTime();
        CompletableFuture<TokenResponse> future;
        try {
            future = f.fetch();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(new TokenFetchException(TokenFetchException.Reason.CONNECT,
                    "Post \"" + tokenUrl + "\": " + e.getClass().getSimpleName()));
        }
        future.whenComplete(this::onFetched);
    }

    private void onFetched(TokenResponse response, Throwable error) {
        long now = clock.nanoTime();
        lastFetchNanos = Math.max(0, now - fetchStartedNanos);
        if (error == null) {
            onSuccess(response, now);
        } else {
            onFailure(asFetchException(error), now);
        }
        fetching.set(false);
        drain();
    }

    private void onSuccess(TokenResponse response, long now) {
        // Lifetimes are capped (~73 years) so that now + lifetime cannot overflow into the past.
        long expiresAt = response.lifetimeNanos() == 0 ? AccessToken.NEVER
                : now + Math.min(response.lifetimeNanos(), MAX_LIFETIME_NANOS);
        AccessToken token = AccessToken.of(response.accessToken(), response.tokenType(), now, expiresAt);
        current = token;
        lastFailure = null;
        fetchesOk.increment();
        if (failures > 0) {
            log.info("auth/client-credentials: token endpoint " + tokenUrl + " recovered after " + failures
                    + " failed attempt" + (failures == 1 ? "" : "s"));
            failures = 0;
        }
        if (token.neverExpires()) {
            if (!warnedNeverExpires) {
                warnedNeverExpires = true;
                log.warn("auth/client-credentials: the token from " + tokenUrl + " (client_id " + clientId
                        + ") has no positive expires_in, so it never expires and is reused until restart;"
                        + " a positive expires_in is strongly recommended");
            }
            reschedule(-1, false);
            return;
        }
        long lifetime = token.remainingNanos(now);
        long delay = lifetime - refreshMarginNanos;
        if (delay <= 0) {
            // KrakenD would fetch on every request; refreshing halfway keeps one fetch per half lifetime.
            delay = lifetime / 2;
            if (!warnedShortLifetime) {
                warnedShortLifetime = true;
                log.warn("auth/client-credentials: tokens from " + tokenUrl + " live "
                        + TimeUnit.NANOSECONDS.toSeconds(lifetime) + "s, not more than refresh_margin;"
                        + " refreshing at half their lifetime");
            }
        }
        reschedule(delay, true);
    }

    private void onFailure(TokenFetchException e, long now) {
        failures++;
        fetchesFailed.get(e.reason()).increment();
        AccessToken token = current;
        boolean valid = token != null && token.isValidAt(now);
        long delay = backoff.delayNanos(failures, valid);
        if (valid) {
            // Retry no later than the real expiry; from then on the shorter no-token cap applies.
            delay = Math.min(delay, Math.max(0, token.remainingNanos(now)));
        }
        lastFailure = new Failure(e.getMessage(), closed ? NO_RETRY : now + delay);
        log.error(e.getMessage() + " (token fetch failed " + failures + " time" + (failures == 1 ? "" : "s")
                + " in a row; retrying in " + TimeUnit.NANOSECONDS.toMillis(delay) + "ms"
                + (valid ? "; the current token stays in use until it expires" : "") + ")");
        reschedule(delay, valid);
    }

    /** Replaces the pending timer; a negative delay only cancels it. */
    private void reschedule(long delayNanos, boolean refresh) {
        timer.cancel();
        TokenScheduler s = scheduler;
        if (closed || s == null || delayNanos < 0) {
            timer = TokenScheduler.Cancellable.NONE;
            return;
        }
        timer = s.schedule(() -> {
            AccessToken token = current;
            startFetch(refresh || token != null && token.isValidAt(clock.nanoTime()));
        }, delayNanos);
    }

    /** Single consumer of {@link #waiters}: whoever wins {@link #drainWip} releases what the state allows. */
    private void drain() {
        if (drainWip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            for (;;) {
                Waiter waiter = waiters.relaxedPeek();
                if (waiter == null) {
                    break;
                }
                AccessToken token = current;
                if (token != null && token != waiter.notThis() && token.isValidAt(clock.nanoTime())) {
                    waiters.relaxedPoll();
                    waiter.resume(null);
                    continue;
                }
                Failure failure = lastFailure;
                if (failure != null && !fetching.get()) {
                    waiters.relaxedPoll();
                    rejected.increment();
                    waiter.resume(rejection(failure, waiter.noTokenStatus()));
                    continue;
                }
                break; // a fetch is in flight: its completion drains again
            }
            missed = drainWip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** What a request without a token gets: the status its backend asked for, and when to come back. */
    private GateRejection rejection(Failure failure, int status) {
        if (failure.retryAtNanos() == NO_RETRY) {
            return new GateRejection(status, failure.message());
        }
        // Whole seconds, rounded up (RFC 9110 delay-seconds), at least 1: the attempt may be running by then.
        long seconds = Math.max(1, (failure.retryAtNanos() - clock.nanoTime() + 999_999_999L) / 1_000_000_000L);
        return new GateRejection(status, failure.message(), Map.of(RETRY_AFTER, Long.toString(seconds)));
    }

    private TokenFetchException asFetchException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TokenFetchException e) {
            return e;
        }
        return new TokenFetchException(TokenFetchException.Reason.CONNECT,
                "Post \"" + tokenUrl + "\": " + cause.getClass().getSimpleName());
    }

    @Override
    public String toString() {
        return "TokenHolder{tokenUrl=" + tokenUrl + ", clientId=" + clientId + '}';
    }

    /** A request parked until a token exists; resumed on its own event loop, as the gate contract requires. */
    /** @param notThis a replay's stale token, which will not do; null for an ordinary request */
    private record Waiter(EventLoop loop, Listener listener, int noTokenStatus, AccessToken notThis) {
        void resume(GateRejection rejection) {
            if (loop.inEventLoop()) {
                deliver(rejection);
            } else {
                loop.execute(() -> deliver(rejection));
            }
        }

        private void deliver(GateRejection rejection) {
            if (rejection == null) {
                listener.onReady();
            } else {
                listener.onRejected(rejection);
            }
        }
    }
}
