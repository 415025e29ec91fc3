package dev.tollgate.core.log;

/**
 * A line written as it formats itself, with no level, prefix or time of the log's shape: an access log line. It is
 * queued as is and formatted on the log writer's thread, so the event loop that records it only allocates the
 * record.
 */
public interface RawLine {
    /** Appends the line, without its line separator. */
    void appendTo(StringBuilder out);
}
