package dev.tollgate.auth.token;

import static java.util.Objects.requireNonNull;

/**
 * A token fetch failed. The message has KrakenD's shape ({@code Post "<token_url>": oauth2: "invalid_client" "..."})
 * and never contains the client secret or a token. No stack trace is captured: the message says everything.
 */
public final class TokenFetchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a fetch failed, counted per holder. */
    public enum Reason {
        /** token_timeout ran out. */
        TIMEOUT,
        /** The connection or TLS handshake failed. */
        CONNECT,
        /** Non-2xx answer or an {@code error} field. */
        OAUTH_ERROR,
        /** The body could not be parsed, or it was too large. */
        BAD_RESPONSE,
        /** A 2xx answer without {@code access_token}. */
        MISSING_TOKEN,
        /** The client's own credentials could not be had: a secret or assertion file missing, unreadable, empty. */
        CREDENTIALS
    }

    private final Reason reason;

    public TokenFetchException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
