package dev.tollgate.auth.cache;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.token.AccessToken;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetcher;
import dev.tollgate.auth.token.TokenResponse;
import dev.tollgate.core.log.Log;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One credential set's token fetch, shared by the fleet through Redis: what the {@code TokenHolder} calls instead
 * of the token endpoint whenever it needs a token (first start, refresh point, a backend's 401, a retry). The holder
 * keeps serving requests from memory as before; Redis is only asked here, off the request path.
 *
 * <ol>
 *   <li>A stored token that is not the one being replaced and not yet at its refresh point is adopted.</li>
 *   <li>Otherwise {@code SET lock NX PX}: the winner fetches from the identity provider, stores the sealed token
 *       with {@code PX} = its lifetime, announces it on the channel and releases the lock (compare-and-delete).</li>
 *   <li>The others wait, without blocking a thread, for the announcement (or a short poll, in case it was missed),
 *       then read the stored token; a lock whose owner died expires and the next waiter takes it.</li>
 * </ol>
 * Redis down, slow or refusing at any step: this fetch goes to the identity provider directly (today's behaviour)
 * and is counted in {@link #localFallbacks}. A stored value that does not open (another key, garbled) counts as
 * absent: a fresh fetch replaces it, and no wrong {@code Authorization} is ever built from it.
 */
final class SharedTokenFetcher implements TokenFetcher {
    private static final Log log = Log.get("auth");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The wait between looks at Redis while another instance fetches, should its announcement be missed. */
    static final long POLL_MILLIS = 200;
    /** A token that never expires is kept a day: then an instance fetches one again; nothing is kept forever. */
    static final long NEVER_EXPIRES_TTL_MILLIS = TimeUnit.DAYS.toMillis(1);
    private static final long UNREADABLE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final TokenFetcher local;
    private final RedisLink redis;
    private final TokenSealer sealer;
    private final CacheKeys keys;
    private final Supplier<AccessToken> current;
    private final long marginMillis;
    private final long lockTtlMillis;
    private final long waitBudgetNanos;
    private final Clock wall;
    private final String tokenUrl;

    final LongAdder adopted = new LongAdder();
    final LongAdder fetched = new LongAdder();
    final LongAdder waited = new LongAdder();
    final LongAdder localFallbacks = new LongAdder();
    final LongAdder unreadable = new LongAdder();
    private final AtomicLong unreadableLoggedAt = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param current       the holder's token now: a stored token equal to it is the one being replaced
     * @param refreshMargin the credential set's {@code refresh_margin}
     * @param tokenTimeout  bounds one fetch: the lock outlives it, so a live owner never loses its lock
     */
    SharedTokenFetcher(TokenFetcher local, RedisLink redis, TokenSealer sealer, CacheKeys keys,
                       Supplier<AccessToken> current, Duration refreshMargin, Duration tokenTimeout, Clock wall,
                       String tokenUrl) {
        this.local = requireNonNull(local, "local");
        this.redis = requireNonNull(redis, "redis");
        this.sealer = requireNonNull(sealer, "sealer");
        this.keys = requireNonNull(keys, "keys");
        this.current = requireNonNull(current, "current");
        this.marginMillis = refreshMargin.toMillis();
        this.lockTtlMillis = tokenTimeout.toMillis() + 2_000;
        // A dead owner's lock expires within lockTtl; the next waiter then needs one fetch more.
        this.waitBudgetNanos = TimeUnit.MILLISECONDS.toNanos(2 * lockTtlMillis);
        this.wall = requireNonNull(wall, "wall");
        this.tokenUrl = requireNonNull(tokenUrl, "tokenUrl");
    }

    String id() {
        return keys.id();
    }

    String tokenUrl() {
        return tokenUrl;
    }

    @Override
    public CompletableFuture<TokenResponse> fetch() {
        CompletableFuture<Void> ready = redis.ready();
        if (!ready.isDone()) {
            CompletableFuture<TokenResponse> result = new CompletableFuture<>();
            ready.whenComplete((v, e) -> start(result));
            return result;
        }
        if (!redis.isUp()) {
            return fetchLocally();
        }
        CompletableFuture<TokenResponse> result = new CompletableFuture<>();
        start(result);
        return result;
    }

    private void start(CompletableFuture<TokenResponse> result) {
        if (redis.isUp()) {
            attempt(result, System.nanoTime() + waitBudgetNanos, false);
        } else {
            fallback(result);
        }
    }

    private void attempt(CompletableFuture<TokenResponse> result, long deadline, boolean waiting) {
        redis.get(keys.token()).whenComplete((sealed, error) -> {
            if (error != null) {
                fallback(result);
                return;
            }
            TokenResponse stored;
            try {
                stored = adoptable(sealed);
            } catch (RuntimeException e) {
                stored = null; // whatever is stored, it must not leave the holder without an answer
            }
            if (stored != null) {
                adopted.increment();
                result.complete(stored);
                return;
            }
            byte[] owner = owner();
            redis.setIfAbsent(keys.lock(), owner, lockTtlMillis).whenComplete((mine, lockError) -> {
                if (lockError != null) {
                    fallback(result);
                } else if (mine) {
                    fetchAndStore(result, owner);
                } else {
                    awaitOwner(result, deadline, waiting);
                }
            });
        });
    }

    /** Another instance holds the lock: wait for its announcement (or a poll), then look again. */
    private void awaitOwner(CompletableFuture<TokenResponse> result, long deadline, boolean waiting) {
        if (!waiting) {
            waited.increment();
        }
        if (System.nanoTime() - deadline > 0 || !redis.isUp()) {
            fallback(result);
            return;
        }
        redis.nextAnnouncement(keys.id(), POLL_MILLIS).whenComplete((v, e) -> attempt(result, deadline, true));
    }

    private void fetchAndStore(CompletableFuture<TokenResponse> result, byte[] owner) {
        callLocal().whenComplete((response, error) -> {
            if (error != null) {
                redis.release(keys.lock(), owner);
                result.completeExceptionally(error);
                return;
            }
            fetched.increment();
            result.complete(response); // the holder serves it now; storing it is for the others
            long now = wall.millis();
            long lifetimeMillis = response.lifetimeNanos() == 0 ? 0
                    : Math.max(1, TimeUnit.NANOSECONDS.toMillis(response.lifetimeNanos()));
            StoredToken token = new StoredToken(response.accessToken(), response.tokenType(), now,
                    lifetimeMillis == 0 ? StoredToken.NEVER : now + lifetimeMillis);
            byte[] sealed;
            try {
                sealed = sealer.seal(token, keys.token());
            } catch (RuntimeException e) {
                redis.release(keys.lock(), owner);
                return;
            }
            redis.set(keys.token(), sealed,
                            lifetimeMillis == 0 ? NEVER_EXPIRES_TTL_MILLIS : lifetimeMillis)
                    .thenCompose(v -> redis.announce(keys.id()))
                    .whenComplete((v, e) -> redis.release(keys.lock(), owner));
        });
    }

    /** The stored token if the holder should take it: readable, not the one it replaces, before its refresh point. */
    private TokenResponse adoptable(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        StoredToken token;
        try {
            token = sealer.open(sealed, keys.token());
        } catch (TokenSealer.Unreadable e) {
            unreadable.increment();
            logUnreadable(e);
            return null;
        }
        long now = wall.millis();
        if (now >= token.refreshAtMillis(marginMillis)) {
            return null; // at or past the fleet's refresh point: this instance refreshes for all
        }
        AccessToken mine = current.get();
        if (mine != null && mine.authorization().equals(AccessToken.of(token.value(), token.type(), 0,
                AccessToken.NEVER).authorization())) {
            return null; // the token being replaced (a backend refused it, or the holder's timer is early)
        }
        if (token.neverExpires()) {
            return new TokenResponse(token.value(), token.type(), 0);
        }
        return TokenResponse.withLifetime(token.value(), token.type(),
                TimeUnit.MILLISECONDS.toNanos(token.expiresAtMillis() - now));
    }

    private CompletableFuture<TokenResponse> fetchLocally() {
        localFallbacks.increment();
        return callLocal();
    }

    /**
     * The identity provider, through the set's own fetcher. Called from Lettuce's threads too, where an exception
     * would be lost and the holder left waiting forever: it becomes a failed fetch instead.
     */
    private CompletableFuture<TokenResponse> callLocal() {
        try {
            return local.fetch();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new TokenFetchException(TokenFetchException.Reason.CONNECT,
                    "Post \"" + tokenUrl + "\": " + e.getClass().getSimpleName()));
        }
    }

    private void fallback(CompletableFuture<TokenResponse> result) {
        fetchLocally().whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(response);
            }
        });
    }

    /** At most once a minute: every instance with another key would otherwise log at every refresh. */
    private void logUnreadable(TokenSealer.Unreadable e) {
        long now = System.nanoTime();
        long last = unreadableLoggedAt.get();
        if (last != Long.MIN_VALUE && now - last < UNREADABLE_LOG_INTERVAL_NANOS
                || !unreadableLoggedAt.compareAndSet(last, now)) {
            return;
        }
        log.warn("tollgate/token-cache: the stored token of " + tokenUrl + " (cache id " + keys.id().substring(0, 12)
                + "...) cannot be opened: " + e.getMessage() + "; fetching a fresh one"
                + (e.otherKey() ? " (do all instances have the same encryption_key_file?)" : ""));
    }

    private static byte[] owner() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "SharedTokenFetcher{" + tokenUrl + ", id=" + keys.id() + '}';
    }
}
