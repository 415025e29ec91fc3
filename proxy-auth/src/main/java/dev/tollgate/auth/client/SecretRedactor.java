package dev.tollgate.auth.client;

import dev.tollgate.auth.token.TokenFetchException;
import java.util.ArrayList;
import java.util.List;

/**
 * Last line of defence: an identity provider may echo what it received in an error body, which ends up in a log
 * line. Every message leaving the fetcher has the secrets of its request (the client secret raw, form-encoded and
 * as the Basic value; an assertion; token request header values) replaced.
 */
final class SecretRedactor {
    private static final String MASK = "<redacted>";
    /** Shorter secrets are not searched for: replacing every "ab" would garble messages without protecting much. */
    private static final int MIN_LENGTH = 4;

    private final String[] secrets;

    /** @param secrets each is hidden raw and form-encoded; nulls are skipped */
    SecretRedactor(String... secrets) {
        List<String> all = new ArrayList<>();
        for (String s : secrets) {
            if (s != null) {
                all.add(s);
                all.add(FormEncoding.queryEscape(s));
            }
        }
        this.secrets = all.toArray(new String[0]);
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
