package dev.tollgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load generator against scripted loopback servers: what it sends and how it counts failures. Counts only,
 * never timing: the open model's request count is fixed by its schedule, whatever the machine's speed.
 */
@Timeout(60)
class LoadGeneratorTest {
    private static LoadGenerator generator;

    @BeforeAll
    static void start() {
        generator = new LoadGenerator(1);
    }

    @AfterAll
    static void stop() {
        generator.close();
    }

    private static LoadSpec open(int connections, int rate, long durationMillis, long timeoutMillis) {
        return new LoadSpec(LoadSpec.Mode.OPEN, connections, rate, TimeUnit.MILLISECONDS.toNanos(durationMillis),
                TimeUnit.MILLISECONDS.toNanos(timeoutMillis), ScriptedServer.BODY_BYTES);
    }

    @Test
    void openModelSendsExactlyTheScheduledRequestsAndRecordsEachLatency() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.Behaviour.OK)) {
            Recorder recorder = new Recorder(3);
            // 2 connections at 100 req/s each, for 500 ms: 50 requests due per connection
            RunCounts counts = generator.run(RequestTemplate.get(server.url()), open(2, 200, 500, 10_000),
                    recorder, () -> { });
            Histogram latencies = recorder.getIntervalHistogram();
            assertEquals(100, counts.ok(), counts.toString());
            assertEquals(0, counts.errors(), counts.toString());
            assertEquals(100, latencies.getTotalCount());
            assertEquals(100, server.requests.get());
            assertEquals(2, server.connections.get(), "keep-alive: one connection each");
        }
    }

    @Test
    void connectionsTheServerClosesAreReplacedWithoutErrors() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.Behaviour.CLOSE_AFTER_EACH)) {
            // 1 connection at 40 req/s for 250 ms: 10 requests due, each answered with Connection: close
            RunCounts counts = generator.run(RequestTemplate.get(server.url()), open(1, 40, 250, 10_000),
                    new Recorder(3), () -> { });
            assertEquals(10, counts.ok(), counts.toString());
            assertEquals(0, counts.errors(), counts.toString());
            assertEquals(10, server.connections.get(), "a new connection after each announced close");
        }
    }

    @Test
    void closedModelKeepsRequestsInFlightUntilTheDeadline() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.Behaviour.OK)) {
            LoadSpec spec = new LoadSpec(LoadSpec.Mode.CLOSED, 3, 1, TimeUnit.MILLISECONDS.toNanos(1000),
                    TimeUnit.SECONDS.toNanos(10), -1);
            RunCounts counts = generator.run(RequestTemplate.get(server.url()), spec, new Recorder(3), () -> { });
            assertTrue(counts.ok() >= 3, counts.toString());
            assertEquals(0, counts.errors(), counts.toString());
            assertEquals(counts.ok(), server.requests.get());
        }
    }

    @Test
    void non2xxResponsesAreErrorsAndNotLatencies() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.Behaviour.SERVER_ERROR)) {
            Recorder recorder = new Recorder(3);
            RunCounts counts = generator.run(RequestTemplate.get(server.url()), open(1, 20, 250, 10_000), recorder,
                    () -> { });
            assertEquals(0, counts.ok(), counts.toString());
            assertEquals(5, counts.non2xx(), counts.toString());
            assertEquals(0, recorder.getIntervalHistogram().getTotalCount());
        }
    }

    @Test
    void okResponsesWithTheWrongBodyAreErrorsAndNotLatencies() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.Behaviour.OK)) {
            Recorder recorder = new Recorder(3);
            LoadSpec spec = new LoadSpec(LoadSpec.Mode.OPEN, 1, 20, TimeUnit.MILLISECONDS.toNanos(250),
                    TimeUnit.SECONDS.toNanos(10), ScriptedServer.BODY_BYTES + 1);
            RunCounts counts = generator.run(RequestTemplate.get(server.url()), spec, recorder, () -> { });
            assertEquals(0, counts.ok(), counts.toString());
            assertEquals(5, counts.badBody(), counts.toString());
            assertEquals(0, recorder.getIntervalHistogram().getTotalCount());
        }
    }

    @Test
    void unansweredRequestsTimeOutAndTheRunStillEnds() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.Behaviour.SILENT)) {
            RunCounts counts = generator.run(RequestTemplate.get(server.url()), open(1, 10, 300, 200), new Recorder(3),
                    () -> { });
            assertEquals(0, counts.ok(), counts.toString());
            assertTrue(counts.timeouts() >= 1, counts.toString());
            assertEquals(3, counts.timeouts() + counts.unsent() + counts.ioErrors(), counts.toString());
        }
    }

    @Test
    void refusedConnectionsAreCountedAsErrors() throws Exception {
        String url;
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.Behaviour.OK)) {
            url = server.url(); // closed right away: nothing listens on this port any more
        }
        RunCounts counts = generator.run(RequestTemplate.get(url), open(1, 10, 200, 200), new Recorder(3), () -> { });
        assertEquals(0, counts.ok(), counts.toString());
        assertTrue(counts.ioErrors() >= 1, counts.toString());
    }
}
