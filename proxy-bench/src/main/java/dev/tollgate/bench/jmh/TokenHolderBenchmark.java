package dev.tollgate.bench.jmh;

import dev.tollgate.auth.token.AccessToken;
import dev.tollgate.auth.token.RetryBackoff;
import dev.tollgate.auth.token.TokenClock;
import dev.tollgate.auth.token.TokenHolder;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The read every stamped request does: the holder's current token and its precomputed {@code Authorization} value.
 * Target: about 1-3 ns/op and 0 B/op (check with {@code -prof gc}).
 *
 * <p>{@code contended}: readers keep reading while one writer publishes a new token after every
 * {@code writerPauseNanos} (0 = back to back, the worst case for the readers' cache line). Reader threads default
 * to 2, the cores of the reference machine; on a bigger machine give one reader per core with
 * {@code -tg <cores>,1} (readers first: JMH orders a group's members by method name). Read the
 * {@code contended:reader} line; the writer's own figure mostly measures its pause.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TokenHolderBenchmark {
    private TokenHolder holder;
    private AccessToken first;
    private AccessToken second;

    @Setup
    public void setUp() {
        holder = new TokenHolder("http://127.0.0.1:9/token", "bench", Duration.ofSeconds(10), TokenClock.SYSTEM,
                RetryBackoff.withRandomJitter());
        first = AccessToken.bearer(JwtLike.token(1));
        second = AccessToken.bearer(JwtLike.token(2));
        holder.publish(first);
    }

    @Benchmark
    public AsciiString read() {
        return holder.current().authorization();
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(2)
    public AsciiString reader() {
        return holder.current().authorization();
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public void writer(WriterState state) {
        holder.publish(state.flip ? first : second);
        state.flip = !state.flip;
        if (state.writerPauseNanos > 0) {
            LockSupport.parkNanos(state.writerPauseNanos);
        }
    }

    /** The writer's pause and its own alternation, so the two tokens really swap. */
    @State(Scope.Thread)
    public static class WriterState {
        @Param("1000")
        public long writerPauseNanos;
        boolean flip;
    }
}
