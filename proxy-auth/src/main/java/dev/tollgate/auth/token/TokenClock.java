package dev.tollgate.auth.token;

/**
 * Monotonic time for token expiry and refresh decisions; injected so tests move time by hand instead of sleeping.
 */
@FunctionalInterface
public interface TokenClock {
    TokenClock SYSTEM = System::nanoTime;

    long nanoTime();
}
