package dev.tollgate.core.backend;

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
    BAD_REQUEST
}
