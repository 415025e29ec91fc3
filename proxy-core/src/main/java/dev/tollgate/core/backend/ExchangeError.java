package dev.tollgate.core.backend;

import io.netty.handler.codec.DecoderException;
import javax.net.ssl.SSLException;

/**
 * Why an exchange failed, as far as logging cares: each kind is rate-limited on its own per endpoint, so a flood
 * of client disconnects cannot hide the one line that says the backend started refusing.
 */
enum ExchangeError {
    /** A gate refused (e.g. no token: the identity provider is down). */
    GATE_REJECTED,
    /** A gate threw. */
    GATE_FAILED,
    CONNECT_FAILED,
    /** The backend closed, reset or answered garbage before the response head. */
    BACKEND_FAILED,
    /** A backend redirect could not be followed (bad Location, too many). */
    REDIRECT_FAILED,
    TIMEOUT,
    /** The response broke after its head reached the client. */
    RESPONSE_BROKEN,
    CLIENT_CLOSED,
    /** The client request could not be turned into a backend request. */
    BAD_REQUEST,
    /** A backend of an endpoint that is not no-op answered, but not with data: a bad status, body or size. */
    BAD_ANSWER;

    /** A backend connection's failure in words for the log line (and the error body when it is shown). */
    static String describe(Throwable cause, BackendHost host) {
        // The TLS handler's failures arrive wrapped in a DecoderException; say what failed and with whom.
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof SSLException && host != null) {
            return "TLS with " + host + " failed: " + message;
        }
        return message;
    }
}
