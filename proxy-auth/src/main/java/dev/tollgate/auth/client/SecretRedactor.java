package dev.tollgate.auth.client;

import dev.tollgate.auth.token.TokenFetchException;

/**
 * Last line of defence: an identity provider may echo what it received in an error body, which ends up in a log
 * line. Every message leaving the fetcher has the secret (raw, form-encoded and as the Basic value) replaced.
 */
final class SecretRedactor {
    private static final String MASK = "<redacted>";
    /** Shorter secrets are not searched for: replacing every "ab" would garble messages without protecting much. */
    private static final int MIN_LENGTH = 4;

    private final String[] secrets;

    SecretRedactor(String secret, String basicAuthorization) {
        this.secrets = new String[] {secret, FormEncoding.queryEscape(secret), basicAuthorization.substring(6)};
    }

    TokenFetchException redact(TokenFetchException e) {
        String message = e.getMessage();
        String clean = redact(message);
        return clean.equals(message) ? e : new TokenFetchException(e.reason(), clean);
    }

    String redact(String message) {
        String out = message;
        for (String secret : secrets) {
            if (secret.length() >= MIN_LENGTH) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }
}
