package dev.tollgate.bench.load;

import static java.util.Objects.requireNonNull;

import dev.tollgate.bench.support.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Recorder;

/**
 * The Netty load generator: runs one {@link LoadSpec} against one {@link RequestTemplate}, recording the latency of
 * every 2xx response into an HdrHistogram {@link Recorder} (nanoseconds) and returning the error counts. Connections
 * are opened before the clock starts, so connect time is never measured; each run ends by itself (see
 * {@link LoadConnection}) and is cut off, counting what was left as errors, if it overruns by more than the timeout.
 */
public final class LoadGenerator implements AutoCloseable {
    /** Called about once a second on the thread that called {@link #run} while the run is going on. */
    interface Ticker {
        void tick();
    }

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long START_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext tls;

    public LoadGenerator(int threads) {
        this(threads, null);
    }

    /** @param tls the client context for {@code https} targets, or null when there are none */
    public LoadGenerator(int threads, SslContext tls) {
        this.tls = tls;
        group = Transport.newGroup(threads);
        bootstrap = new Bootstrap()
                .group(group)
                .channel(Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
    }

    RunCounts run(RequestTemplate template, LoadSpec spec, Recorder recorder, Ticker ticker)
            throws InterruptedException {
        requireNonNull(template, "template");
        requireNonNull(spec, "spec");
        List<LoadConnection> connections = new ArrayList<>(spec.connections());
        List<ChannelFuture> connects = new ArrayList<>(spec.connections());
        for (int i = 0; i < spec.connections(); i++) {
            LoadConnection connection = new LoadConnection(bootstrap, template, spec, recorder, group.next(),
                    tls);
            connections.add(connection);
            connects.add(connection.connect());
        }
        for (ChannelFuture connect : connects) {
            connect.await(10, TimeUnit.SECONDS); // a failed connect is retried (and counted) once the run starts
        }
        long start = System.nanoTime() + START_LEAD_NANOS;
        for (int i = 0; i < connections.size(); i++) {
            connections.get(i).start(start, i);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(
                connections.stream().map(LoadConnection::done).toArray(CompletableFuture[]::new));
        long hardStop = start + spec.durationNanos() + spec.timeoutNanos() + TimeUnit.SECONDS.toNanos(1);
        waitTicking(all, hardStop, ticker);
        if (!all.isDone()) {
            connections.forEach(LoadConnection::stop);
            waitTicking(all, System.nanoTime() + TimeUnit.SECONDS.toNanos(5), ticker);
        }
        RunCounts total = RunCounts.zero();
        long lastResponse = start;
        for (LoadConnection connection : connections) {
            RunCounts counts = connection.counts(start);
            total = total.plus(counts);
            lastResponse = Math.max(lastResponse, connection.lastResponseNanos());
        }
        long elapsed = Math.max(lastResponse - start, Math.min(spec.durationNanos(), System.nanoTime() - start));
        return new RunCounts(total.ok(), total.non2xx(), total.badBody(), total.ioErrors(), total.timeouts(),
                total.unsent(), elapsed);
    }

    private static void waitTicking(CompletableFuture<Void> all, long untilNanos, Ticker ticker)
            throws InterruptedException {
        long nextTick = System.nanoTime() + TICK_NANOS;
        while (!all.isDone()) {
            long now = System.nanoTime();
            if (now >= untilNanos) {
                return;
            }
            try {
                all.get(Math.min(nextTick, untilNanos) - now, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // expected: time for a progress tick
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("load connection failed", e.getCause());
            }
            if (System.nanoTime() >= nextTick) {
                ticker.tick();
                nextTick += TICK_NANOS;
            }
        }
    }

    /** The event loops and bootstrap, for the idle connections opened before the rounds. */
    EventLoopGroup group() {
        return group;
    }

    Bootstrap bootstrap() {
        return bootstrap;
    }

    SslContext tls() {
        return tls;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
