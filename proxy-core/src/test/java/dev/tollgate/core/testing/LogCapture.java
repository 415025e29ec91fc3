package dev.tollgate.core.testing;

import dev.tollgate.core.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Captures {@link Log} output for assertions; {@link #close()} restores stderr. */
public final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public LogCapture() {
        Log.setOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /** Everything logged before this call (it waits for the asynchronous writer). */
    public synchronized String text() {
        Log.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits (generously) until the log contains {@code fragment}; returns the text. */
    public String await(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!text().contains(fragment) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return text();
    }

    @Override
    public void close() {
        Log.setOutput(System.err);
    }
}
