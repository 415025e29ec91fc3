package dev.tollgate.core.backend;

/**
 * An entry of a {@link DeadlineQueue}: the thing that times out links itself in, so a timed request allocates
 * nothing for its timer. Confined to the queue's event loop.
 */
abstract class Deadline {
    Deadline prev;
    Deadline next;
    /** When it expires, on the loop's ticker. */
    long atNanos;
    /** The queue it is in, or null. */
    DeadlineQueue queue;

    /** Called on the loop once the deadline passed, after it left the queue. */
    abstract void expire();

    /** Takes it out of its queue, if it is in one; cheap and idempotent. */
    final void cancelDeadline() {
        if (queue != null) {
            queue.remove(this);
        }
    }
}
