package dev.tollgate.core.data;

/** A backend body that cannot be decoded as its backend's {@code encoding} says; the message is for the log. */
public final class BadDataException extends Exception {
    public BadDataException(String message) {
        super(message, null, false, false); // expected on bad input: no stack trace to fill
    }
}
