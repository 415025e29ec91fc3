package dev.tollgate.auth.jwt;

/** What checking a token's signature gave: a {@link VerifiedToken} or a {@link Refusal}. */
sealed interface Verification permits VerifiedToken, Verification.Refusal {

    /**
     * The token is not acceptable (answered 401).
     *
     * @param reason     a short reason for the log, never containing the token
     * @param unknownKey the set has no key the token names: a fresh set might have it
     */
    record Refusal(String reason, boolean unknownKey) implements Verification {
    }
}
