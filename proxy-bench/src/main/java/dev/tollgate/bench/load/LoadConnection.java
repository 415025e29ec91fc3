package dev.tollgate.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * One virtual client: a keep-alive HTTP/1.1 connection with at most one request in flight, driven by a bounded
 * request loop that ends by itself.
 *
 * <p>Open model (as wrk2): request {@code k} is due at {@code firstDue + k * interval}; its latency is measured from
 * that intended time, not from when it was actually written, so a stalled server is charged for the requests that
 * queued up behind the stall (coordinated omission corrected). The loop ends after the fixed number of requests due
 * within the run. Closed model: the next request goes out as soon as the previous response is complete, latency is
 * measured from the actual write, and the loop ends at the deadline.
 *
 * <p>All state is confined to the connection's event loop (one channel at a time; a broken connection is replaced
 * and the loop goes on), so no field needs synchronisation; {@link #done()} publishes the counts.
 */
@ChannelHandler.Sharable
final class LoadConnection extends ChannelInboundHandlerAdapter {
    static final long HIGHEST_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long RECONNECT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Bootstrap bootstrap;
    private final RequestTemplate template;
    private final LoadSpec spec;
    private final Recorder recorder;
    private final EventLoop loop;
    private final CompletableFuture<LoadConnection> done = new CompletableFuture<>();
    /** Staggers the rotation of a multi-URL target, so the connections do not all request the same URL at once. */
    private int index;

    // the schedule, fixed by start()
    private long firstDueNanos;
    private long intervalNanos;
    private long planned;
    private long endNanos;

    // event-loop confined state
    private Channel channel;
    private long sent;
    private boolean inFlight;
    private long latencyOriginNanos;
    private long writtenAtNanos;
    private int status;
    private boolean closeAfterResponse;
    /** The server announced the close (Connection: close): replace the connection at once, it is no failure. */
    private boolean announcedClose;
    private boolean sendScheduled;
    private boolean started;
    private boolean finished;
    private ScheduledFuture<?> timeoutCheck;
    private long lastResponseNanos;
    private long ok;
    private long non2xx;
    private long badBody;
    private long bodyBytes;
    private long ioErrors;
    private long timeouts;
    private long unsent;

    /** @param tls the client context for an {@code https} template (trusting the bench certificate), else null */
    LoadConnection(Bootstrap bootstrap, RequestTemplate template, LoadSpec spec, Recorder recorder, EventLoop loop,
            SslContext tls) {
        if (template.tls() && tls == null) {
            throw new IllegalArgumentException(template.uri() + ": an https target needs a TLS client context");
        }
        this.bootstrap = bootstrap.clone(loop).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (template.tls()) {
                    // peer host and port given: the engine checks the name and resumes the session on a reconnect
                    ch.pipeline().addLast(tls.newHandler(ch.alloc(), template.address().getHostString(),
                            template.address().getPort()));
                }
                ch.pipeline().addLast(new HttpResponseDecoder(), LoadConnection.this);
            }
        });
        this.template = template;
        this.spec = spec;
        this.recorder = recorder;
        this.loop = loop;
    }

    /** Opens the first connection; the run does not start until {@link #start} is called. */
    ChannelFuture connect() {
        ChannelFuture future = bootstrap.connect(template.address());
        future.addListener(f -> {
            if (f.isSuccess()) {
                channel = future.channel();
            }
        });
        return future;
    }

    /**
     * Starts the loop. {@code index} staggers the open-model schedules of the connections evenly over one interval
     * so they do not all fire at the same instant.
     */
    void start(long startNanos, int index) {
        this.index = index;
        long duration = spec.durationNanos();
        endNanos = startNanos + duration;
        if (spec.mode() == LoadSpec.Mode.OPEN) {
            intervalNanos = Math.max(1, (long) (spec.connections() * 1e9 / spec.rate()));
            firstDueNanos = startNanos + intervalNanos * index / spec.connections();
            planned = firstDueNanos >= endNanos ? 0 : (endNanos - firstDueNanos + intervalNanos - 1) / intervalNanos;
        }
        loop.execute(() -> {
            started = true;
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), spec.timeoutNanos() / 10);
            timeoutCheck = loop.scheduleAtFixedRate(this::checkTimeout, period, period, TimeUnit.NANOSECONDS);
            if (channel == null || !channel.isActive()) {
                reconnect();
            } else {
                sendNext();
            }
        });
    }

    CompletableFuture<LoadConnection> done() {
        return done;
    }

    /** Ends the loop now (the run overran its bound): what is in flight is a timeout, what was due is unsent. */
    void stop() {
        loop.execute(() -> {
            if (finished) {
                return;
            }
            if (inFlight) {
                inFlight = false;
                timeouts++;
            }
            if (spec.mode() == LoadSpec.Mode.OPEN) {
                unsent += planned - sent;
                sent = planned;
            }
            finish();
        });
    }

    RunCounts counts(long startNanos) {
        long elapsed = Math.max(0, lastResponseNanos - startNanos);
        return new RunCounts(ok, non2xx, badBody, ioErrors, timeouts, unsent, elapsed);
    }

    long lastResponseNanos() {
        return lastResponseNanos;
    }

    private void sendNext() {
        if (finished || inFlight || sendScheduled || channel == null || !channel.isActive()) {
            return;
        }
        long now = System.nanoTime();
        long origin;
        if (spec.mode() == LoadSpec.Mode.OPEN) {
            if (sent >= planned) {
                finish();
                return;
            }
            long due = firstDueNanos + sent * intervalNanos;
            if (due > now) {
                sendScheduled = true;
                loop.schedule(() -> {
                    sendScheduled = false;
                    sendNext();
                }, due - now, TimeUnit.NANOSECONDS);
                return;
            }
            origin = due;
        } else {
            if (now >= endNanos) {
                finish();
                return;
            }
            origin = now;
        }
        sent++;
        inFlight = true;
        latencyOriginNanos = origin;
        writtenAtNanos = now;
        status = 0;
        bodyBytes = 0;
        channel.writeAndFlush(template.newRequest(sent + index), channel.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (ctx.channel() != channel || !inFlight) {
                return;
            }
            if (msg instanceof HttpResponse) {
                HttpResponse response = (HttpResponse) msg;
                status = response.status().code();
                closeAfterResponse = !HttpUtil.isKeepAlive(response) || response.decoderResult().isFailure();
            }
            if (msg instanceof HttpContent) {
                bodyBytes += ((HttpContent) msg).content().readableBytes();
            }
            if (msg instanceof LastHttpContent) {
                complete();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void complete() {
        long now = System.nanoTime();
        inFlight = false;
        lastResponseNanos = now;
        if (status < 200 || status >= 300) {
            non2xx++;
        } else if (spec.expectedBodyBytes() >= 0 && bodyBytes != spec.expectedBodyBytes()) {
            badBody++;
        } else {
            ok++;
            recorder.recordValue(Math.min(now - latencyOriginNanos, HIGHEST_LATENCY_NANOS));
        }
        if (closeAfterResponse) {
            closeAfterResponse = false;
            announcedClose = true;
            channel.close(); // channelInactive replaces it
        } else {
            sendNext();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel() != channel) {
            return;
        }
        channel = null;
        if (inFlight) {
            inFlight = false;
            ioErrors++;
        }
        if (started && !finished) {
            if (announcedClose) {
                announcedClose = false;
                reconnect();
            } else {
                loop.schedule(this::reconnect, RECONNECT_DELAY_NANOS, TimeUnit.NANOSECONDS);
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void reconnect() {
        if (finished) {
            return;
        }
        if (loopIsOver()) {
            finish();
            return;
        }
        connect().addListener(f -> {
            if (f.isSuccess()) {
                sendNext();
            } else {
                ioErrors++;
                if (!finished) {
                    loop.schedule(this::reconnect, RECONNECT_DELAY_NANOS, TimeUnit.NANOSECONDS);
                }
            }
        });
    }

    private boolean loopIsOver() {
        return spec.mode() == LoadSpec.Mode.OPEN ? sent >= planned : System.nanoTime() >= endNanos;
    }

    private void checkTimeout() {
        if (inFlight && System.nanoTime() - writtenAtNanos > spec.timeoutNanos()) {
            inFlight = false;
            timeouts++;
            if (channel != null) {
                channel.close();
            }
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
        done.complete(this);
    }
}
