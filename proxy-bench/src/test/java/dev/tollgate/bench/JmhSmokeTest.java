package dev.tollgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.bench.jmh.TokenHolderBenchmark;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one JMH benchmark for a fraction of a second in this JVM (no fork, no warm-up): proves the benchmark list is
 * generated and a benchmark runs and reports. The figure itself means nothing here and is not checked.
 */
class JmhSmokeTest {
    @Test
    @Timeout(60)
    void tokenHolderReadRunsAndReports() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(TokenHolderBenchmark.class.getName() + ".read$")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertEquals(1, results.size());
        RunResult result = results.iterator().next();
        assertEquals("ns/op", result.getPrimaryResult().getScoreUnit());
        assertFalse(Double.isNaN(result.getPrimaryResult().getScore()));
        assertTrue(result.getPrimaryResult().getSampleCount() > 0);
    }
}
