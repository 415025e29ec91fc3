package dev.tollgate.auth.token;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next token fetch after {@code n} consecutive failures: exponential from about 1s, with jitter so
 * many gateways do not hammer a recovering identity provider in step. Capped at 60s while a still-valid token
 * exists, and at 5s while none does, so the proxy recovers within seconds once the provider heals.
 */
public final class RetryBackoff {
    static final long INITIAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long CAP_WITH_TOKEN_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final long CAP_WITHOUT_TOKEN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final DoubleSupplier random;

    /** @param random values in [0, 1); jitter is +-20% */
    public RetryBackoff(DoubleSupplier random) {
        this.random = requireNonNull(random, "random");
    }

    public static RetryBackoff withRandomJitter() {
        return new RetryBackoff(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param failures consecutive failures so far, at least 1 */
    public long delayNanos(int failures, boolean haveValidToken) {
        long cap = haveValidToken ? CAP_WITH_TOKEN_NANOS : CAP_WITHOUT_TOKEN_NANOS;
        int shift = Math.min(Math.max(failures, 1) - 1, 20);
        long base = Math.min(cap, INITIAL_NANOS << shift);
        double jitter = 0.8 + 0.4 * random.getAsDouble();
        return Math.min(cap, (long) (base * jitter));
    }
}
