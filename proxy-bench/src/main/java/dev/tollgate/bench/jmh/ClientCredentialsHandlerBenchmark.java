package dev.tollgate.bench.jmh;

import dev.tollgate.auth.ClientCredentialsHandler;
import dev.tollgate.auth.token.AccessToken;
import dev.tollgate.auth.token.RetryBackoff;
import dev.tollgate.auth.token.TokenClock;
import dev.tollgate.auth.token.TokenHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ClientCredentialsHandler} stamping {@code Authorization} on a realistic backend request (the eight headers
 * Tollgate's request builder produces for a typical endpoint). Target: under 30 ns/op, at most one header entry
 * allocated (check with {@code -prof gc}: about 40 B/op on a compressed-oops JVM).
 *
 * <p>The handler exposes no pipeline-free stamping method, so {@code stamp} calls its {@code write} directly with
 * its own context from a channel built once; the only other pipeline work per op is the hop to a sink handler that
 * drops the message (the request is reused). Every op after the first overwrites the previous stamp, which is
 * Netty's set: remove the old entry, add a new one, so each op allocates exactly one entry, as a fresh request does.
 * {@code headersSet} is the bare header set of the same value and {@code passThrough} the hop to the next handler
 * alone: together, the floor for {@code stamp}.
 *
 * <p>{@code stampFresh} is what a real backend request costs: it arrives without {@code Authorization}, so the set
 * finds nothing to remove. Each invocation stamps {@value #BATCH} such requests (their stamps are removed again
 * before the next invocation, outside the measured time) and JMH divides by {@value #BATCH}, so the timer cost
 * of a per-invocation fixture is spread thin. {@value #BATCH} requests stay in L1 like a request head built a
 * moment before; with 64 or 1024 of them the figure measures cache misses instead (about 70 ns here).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ClientCredentialsHandlerBenchmark {
    static final int BATCH = 16;

    private EmbeddedChannel channel;
    private ClientCredentialsHandler handler;
    private ChannelHandlerContext ctx;
    private ChannelPromise promise;
    private HttpRequest request;
    private HttpHeaders headers;
    private AsciiString authorization;

    @Setup
    public void setUp() {
        TokenHolder holder = new TokenHolder("http://127.0.0.1:9/token", "bench", Duration.ofSeconds(10),
                TokenClock.SYSTEM, RetryBackoff.withRandomJitter());
        AccessToken token = AccessToken.bearer(JwtLike.token(1));
        holder.publish(token);
        authorization = token.authorization();
        handler = new ClientCredentialsHandler(holder);
        channel = new EmbeddedChannel(new DropWrites(), handler);
        ctx = channel.pipeline().context(handler);
        promise = channel.voidPromise();
        request = BackendRequests.typical();
        headers = BackendRequests.typical().headers();
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /** {@value #BATCH} typical backend requests that carry no {@code Authorization} when an invocation starts. */
    @State(Scope.Thread)
    public static class FreshRequests {
        final HttpRequest[] requests = new HttpRequest[BATCH];

        @Setup(Level.Trial)
        public void build() {
            for (int i = 0; i < BATCH; i++) {
                requests[i] = BackendRequests.typical();
            }
        }

        @Setup(Level.Invocation)
        public void unstamp() {
            for (HttpRequest r : requests) {
                r.headers().remove(HttpHeaderNames.AUTHORIZATION);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void stampFresh(FreshRequests fresh) throws Exception {
        for (HttpRequest r : fresh.requests) {
            handler.write(ctx, r, promise);
        }
    }

    @Benchmark
    public HttpRequest stamp() throws Exception {
        handler.write(ctx, request, promise);
        return request;
    }

    /** Passing the request on from the handler's context without stamping: the pipeline share of {@code stamp}. */
    @Benchmark
    public HttpRequest passThrough() {
        ctx.write(request, promise);
        return request;
    }

    @Benchmark
    public HttpHeaders headersSet() {
        return headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
    }

    /** The end of the benchmark's pipeline: swallows writes, so nothing queues up and nothing is released. */
    static final class DropWrites extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            // dropped on purpose
        }
    }
}
