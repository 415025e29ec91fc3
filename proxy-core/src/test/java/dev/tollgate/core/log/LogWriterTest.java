package dev.tollgate.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogWriterTest {

    private static LogWriter.Line line(String message) {
        return new LogWriter.Line(0, Log.Level.ERROR, null, message);
    }

    @Test
    void flushWaitsForEverythingLoggedBeforeAndKeepsEachThreadsOrder() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogWriter writer = new LogWriter(64 * 1024, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String name = "t" + t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    writer.write(line(name + " " + i));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        writer.flush();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertEquals(4000, lines.length);
        assertTrue(lines[0].startsWith("1970/01/01 00:00:00.000 TOLLGATE ERROR: t"), lines[0]);
        int[] next = new int[4];
        for (String l : lines) {
            String[] parts = l.substring(l.indexOf(": ") + 2).split(" ");
            int thread = parts[0].charAt(1) - '0';
            assertEquals(next[thread]++, Integer.parseInt(parts[1]), l);
        }
    }

    @Test
    void aFullQueueDropsLinesWithoutBlockingAndSaysHowMany() throws Exception {
        Stalling stalling = new Stalling();
        CountDownLatch stalled = stalling.stalled;
        CountDownLatch release = stalling.release;
        ByteArrayOutputStream bytes = stalling.bytes;
        LogWriter writer = new LogWriter(16, new PrintStream(stalling, false, StandardCharsets.UTF_8));
        writer.write(line("first"));
        assertTrue(stalled.await(30, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            writer.write(line("flood " + i)); // must return although the writer is stuck
        }
        assertTrue(writer.dropped() >= 100 - 16, "dropped " + writer.dropped());
        release.countDown();
        writer.flush();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("first"), text);
        assertTrue(text.contains("flood 0"), text);
        assertTrue(text.contains("TOLLGATE WARNING: 84 log lines dropped"), text);
        assertEquals(0, writer.dropped());
    }

    @Test
    void accessLinesLeaveHalfTheQueueToWarningsAndErrors() throws Exception {
        Stalling stalling = new Stalling();
        CountDownLatch stalled = stalling.stalled;
        CountDownLatch release = stalling.release;
        ByteArrayOutputStream bytes = stalling.bytes;
        LogWriter writer = new LogWriter(16, new PrintStream(stalling, false, StandardCharsets.UTF_8));
        writer.write(line("first"));
        assertTrue(stalled.await(30, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            int n = i;
            writer.write((RawLine) out -> out.append("access ").append(n)); // a flood of access lines
        }
        for (int i = 0; i < 8; i++) {
            writer.write(line("error " + i)); // still find room
        }
        release.countDown();
        writer.flush();
        String text = bytes.toString(StandardCharsets.UTF_8);
        for (int i = 0; i < 8; i++) {
            assertTrue(text.contains("error " + i), text);
        }
        assertTrue(text.contains("access 0"), text);
        assertFalse(text.contains("access 99"), "the flood past half the queue was dropped: " + text);
    }

    @Test
    void afterExitStartsLinesAreWrittenOnTheCallersThread() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogWriter writer = new LogWriter(16, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        writer.write(line("before"));
        writer.exiting();
        writer.write(line("stopped"));
        String text = bytes.toString(StandardCharsets.UTF_8); // no flush: already written
        assertTrue(text.indexOf("before") >= 0 && text.indexOf("before") < text.indexOf("stopped"), text);
    }

    /** KrakenD's telemetry/logging shapes: gologging's default pattern behind the prefix, and its logstash JSON. */
    @Test
    void krakendAndLogstashLineShapes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LogWriter writer = new LogWriter(64, out);
        writer.configure(LogFormat.KRAKEND, "[KRAKEND]", out);
        writer.write(new LogWriter.Line(0, Log.Level.ERROR, null, "[ENDPOINT: /x] boom"));
        writer.configure(LogFormat.LOGSTASH, "", out);
        writer.write(new LogWriter.Line(0, Log.Level.INFO, null, "a \"quoted\"\nmessage"));
        writer.flush();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertEquals("[KRAKEND] 1970/01/01 - 00:00:00.000 \u25b6 ERROR [ENDPOINT: /x] boom", lines[0]);
        assertEquals("{\"@timestamp\":\"1970-01-01T00:00:00.000+00:00\", \"@version\": 1, \"level\": \"INFO\", "
                + "\"message\": \"a \\\"quoted\\\"\\nmessage\", \"module\": \"KRAKEND\"}", lines[1],
                "one valid JSON object per line, the message escaped");
    }

    /** A stream whose first batched write blocks until released: a stderr nobody reads. */
    private static final class Stalling extends OutputStream {
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            stalled.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bytes.write(b, off, len);
        }
    }
}
