package dev.tollgate.core.log;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.MpscArrayQueue;

/**
 * Writes log lines on one daemon thread so that logging never blocks the caller (usually an event loop) on a slow
 * or stalled stderr. Callers put a line into a bounded lock-free queue and return; when the queue is full the line
 * is dropped and counted, and the writer reports {@code N log lines dropped} once it has caught up. Lines of one
 * thread keep their order (the queue is FIFO).
 *
 * <p>With syslog on ({@link SyslogSink}), lines are sent there from this thread too, without blocking; a line
 * syslog cannot take now is written to the stream instead.
 *
 * <p>Nothing is lost at exit: {@link #exiting()} (a JVM shutdown hook) writes what is queued and switches to
 * synchronous writing, so lines logged by other shutdown hooks (the CLI's "stopped") are written too.
 */
final class LogWriter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** A queue entry; the timestamp is taken by the caller so it says when the event happened. */
    record Line(long epochMillis, Log.Level level, String component, String message) {
    }

    /** A flush request travels through the queue behind every line enqueued before it. */
    private record Marker(CountDownLatch written) {
    }

    private final MpscArrayQueue<Object> queue;
    /**
     * Access lines are queued only while the queue is less than half full: under a flood they are dropped first,
     * so the warnings and errors that explain the flood still find room.
     */
    private final int accessLimit;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    /** Held while consuming the queue: the writer thread, or a caller once the JVM is exiting. */
    private final ReentrantLock consumer = new ReentrantLock();
    private final StringBuilder batch = new StringBuilder(4096);
    private final Thread thread;
    private volatile PrintStream out;
    private volatile LogFormat format = LogFormat.TOLLGATE;
    private volatile String prefix = "";
    private static final DateTimeFormatter KRAKEND_TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd - HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOGSTASH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'").withZone(ZoneOffset.UTC);
    private volatile boolean synchronous;
    /** The compiled {@code custom_format} while {@link #format} is {@link LogFormat#CUSTOM}. */
    private volatile LogPattern pattern;
    /** Where lines also (or only) go, or null. */
    private volatile SyslogSink syslog;
    /** With syslog on: whether lines go to the stream too (KrakenD's {@code stdout: true}). */
    private volatile boolean streamToo = true;
    /** go-logging's record sequence number, {@code %{id}}: one per log line, from 1. Consumer only. */
    private long nextId;

    LogWriter(int capacity, PrintStream out) {
        this.queue = new MpscArrayQueue<>(capacity);
        this.accessLimit = capacity / 2;
        this.out = requireNonNull(out, "out");
        this.thread = new Thread(this::run, "tollgate-log-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void configure(LogFormat newFormat, String newPrefix, PrintStream stream) {
        configure(newFormat, newPrefix, stream, null);
    }

    /** As {@link #configure(LogFormat, String, PrintStream)}; {@code custom} is required for the custom format. */
    void configure(LogFormat newFormat, String newPrefix, PrintStream stream, LogPattern custom) {
        requireNonNull(newFormat, "format");
        if (newFormat == LogFormat.CUSTOM) {
            requireNonNull(custom, "custom");
        }
        flush();
        pattern = custom;
        format = newFormat;
        prefix = newPrefix == null ? "" : newPrefix;
        out = requireNonNull(stream, "stream");
    }

    /**
     * Sends every line from now on to {@code sink} too ({@code streamToo}) or instead of the stream; a line syslog
     * cannot take goes to the stream all the same. Null turns syslog off.
     */
    void useSyslog(SyslogSink sink, boolean alsoStream) {
        flush();
        streamToo = alsoStream || sink == null;
        syslog = sink;
    }

    void setOutput(PrintStream stream) {
        requireNonNull(stream, "stream");
        flush();
        out = stream;
    }

    /** As {@link #write(Line)}, for a line that formats itself (access log). */
    void write(RawLine line) {
        if (synchronous) {
            consumer.lock();
            try {
                drainLocked();
                appendRaw(line);
                emit();
            } finally {
                consumer.unlock();
            }
            return;
        }
        if (queue.size() >= accessLimit || !queue.offer(line)) {
            dropped.incrementAndGet();
            return;
        }
        wake();
    }

    private void appendRaw(RawLine line) {
        int mark = batch.length();
        try {
            line.appendTo(batch);
        } catch (RuntimeException e) {
            batch.setLength(mark); // a line that cannot format itself is lost alone
            return;
        }
        batch.append(System.lineSeparator());
    }

    /** Never blocks (until the JVM is exiting); drops the line when the queue is full. */
    void write(Line line) {
        if (synchronous) {
            writeNow(line);
            return;
        }
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
            return;
        }
        wake();
    }

    /** Blocks until every line enqueued before this call has been written (tests, shutdown). */
    void flush() {
        if (synchronous || Thread.currentThread() == thread) {
            drainNow();
            return;
        }
        Marker marker = new Marker(new CountDownLatch(1));
        while (!queue.offer(marker)) {
            LockSupport.parkNanos(100_000); // full: the writer is busy emptying it
        }
        wake();
        try {
            while (!marker.written().await(100, TimeUnit.MILLISECONDS)) {
                if (synchronous) {
                    drainNow(); // the exit hook took over while we waited
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shutdown hook: write what is queued, then write every later line on its caller's thread. */
    void exiting() {
        synchronous = true;
        drainNow();
    }

    long dropped() {
        return dropped.get();
    }

    private void wake() {
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (true) {
            boolean wrote;
            try {
                wrote = drainNow();
            } catch (RuntimeException e) {
                wrote = true; // a broken stream must not end logging for good
            }
            if (!wrote) {
                sleeping.set(true);
                if (queue.isEmpty()) {
                    // The timeout is only a safety net; producers unpark us.
                    LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
                }
                sleeping.set(false);
            }
        }
    }

    private void writeNow(Line line) {
        consumer.lock();
        try {
            drainLocked();
            append(line);
            emit();
        } finally {
            consumer.unlock();
        }
    }

    /** Writes everything queued; false when there was nothing. */
    private boolean drainNow() {
        consumer.lock();
        try {
            return drainLocked();
        } finally {
            consumer.unlock();
        }
    }

    private boolean drainLocked() {
        boolean any = false;
        Object o;
        while ((o = queue.poll()) != null) {
            any = true;
            if (o instanceof Line line) {
                append(line);
                if (batch.length() >= 8192) {
                    emit();
                }
            } else if (o instanceof RawLine raw) {
                appendRaw(raw);
                if (batch.length() >= 8192) {
                    emit();
                }
            } else {
                // Lines dropped before the flush was asked for are part of what it waits for.
                reportDropped();
                emit();
                ((Marker) o).written().countDown();
            }
        }
        reportDropped();
        emit();
        return any;
    }

    private void reportDropped() {
        long lost = dropped.get();
        if (lost > 0) {
            dropped.addAndGet(-lost);
            append(new Line(System.currentTimeMillis(), Log.Level.WARNING, null,
                    lost + (lost == 1 ? " log line" : " log lines") + " dropped (the log queue was full)"));
        }
        SyslogSink sink = syslog;
        long unsent = sink == null ? 0 : sink.takeLost();
        if (unsent > 0) {
            append(new Line(System.currentTimeMillis(), Log.Level.WARNING, null, unsent
                    + (unsent == 1 ? " log line" : " log lines") + " could not be sent to syslog ("
                    + sink.lastFailure() + "); reconnecting"));
        }
    }

    private void append(Line line) {
        nextId++;
        Instant at = Instant.ofEpochMilli(line.epochMillis());
        String message = line.component() == null ? line.message() : "[" + line.component() + "] " + line.message();
        SyslogSink sink = syslog;
        if (sink != null) {
            boolean sent;
            try {
                sent = sink.send(line.epochMillis(), line.level(), message, synchronous);
            } catch (RuntimeException e) {
                sent = false; // whatever went wrong, the line still reaches the stream
            }
            if (sent && !streamToo) {
                return;
            }
        }
        switch (format) {
            case CUSTOM:
                pattern.appendTo(batch, line.epochMillis(), line.level(), message, nextId);
                break;
            case KRAKEND:
                // gologging's DefaultPattern, after Go's log prefix: "[KRAKEND] 2006/01/02 - 15:04:05.000 ▶ ERROR m"
                batch.append(prefix).append(' ').append(KRAKEND_TIME.format(at)).append(" \u25b6 ")
                        .append(line.level()).append(' ').append(message);
                break;
            case LOGSTASH:
                batch.append("{\"@timestamp\":\"").append(LOGSTASH_TIME.format(at))
                        .append("\", \"@version\": 1, \"level\": \"").append(line.level())
                        .append("\", \"message\": \"");
                escapeJson(message);
                batch.append("\", \"module\": \"KRAKEND\"}");
                break;
            default:
                batch.append(TIME.format(at)).append(" TOLLGATE ").append(line.level()).append(": ").append(message);
        }
        batch.append(System.lineSeparator());
    }

    /** gologging pastes the message into its JSON raw; a quote or newline in it would break the line. */
    private void escapeJson(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> batch.append("\\\"");
                case '\\' -> batch.append("\\\\");
                case '\n' -> batch.append("\\n");
                case '\r' -> batch.append("\\r");
                case '\t' -> batch.append("\\t");
                default -> {
                    if (c < 0x20) {
                        batch.append(String.format("\\u%04x", (int) c));
                    } else {
                        batch.append(c);
                    }
                }
            }
        }
    }

    private void emit() {
        if (batch.length() == 0) {
            return;
        }
        PrintStream stream = out;
        stream.print(batch);
        stream.flush();
        batch.setLength(0);
    }
}
