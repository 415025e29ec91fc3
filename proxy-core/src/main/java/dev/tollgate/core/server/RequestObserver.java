package dev.tollgate.core.server;

import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.log.Log;
import dev.tollgate.core.metrics.EndpointMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * Sits right behind the HTTP codec and sees every request head come in and every answer go out, whoever wrote it
 * (an exchange, a local 404, a preflight, a 400 for a broken head): its status and, at the answer's last byte, its
 * latency go to the endpoint's metrics and to the access log. HTTP/1.1 answers leave in request order, so the
 * oldest unanswered request is the one being answered; pipelined ones wait in a small queue. The frontend says which
 * endpoint a request went to ({@link #routed}, {@link #unrouted}); one it never names counts as {@code invalid}.
 */
final class RequestObserver extends ChannelDuplexHandler {
    static final int CLIENT_CLOSED = 499;

    private final Observation observation;
    private String clientIp = "";

    /** The request being answered: valid while {@link #active}. No allocation for it when nothing is pipelined. */
    private boolean active;
    private long startNanos;
    private String method;
    private String target;
    private int status;
    private EndpointMetrics endpoint;
    /** Requests decoded behind the one being answered (pipelining); null until the first. */
    private ArrayDeque<Object[]> waiting;

    RequestObserver(Observation observation) {
        this.observation = observation;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress inet && inet.getAddress() != null) {
            clientIp = inet.getAddress().getHostAddress();
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            long now = System.nanoTime();
            if (!active) {
                begin(now, request.method().name(), request.uri());
            } else {
                if (waiting == null) {
                    waiting = new ArrayDeque<>(4);
                }
                waiting.add(new Object[] {now, request.method().name(), request.uri()});
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void begin(long now, String method, String target) {
        active = true;
        startNanos = now;
        this.method = method;
        this.target = target;
        status = 0;
        endpoint = null;
    }

    /** The request being answered went to {@code handler} (a route or a reserved endpoint). */
    void routed(RequestHandler handler) {
        if (active) {
            endpoint = observation.route(handler);
        }
    }

    /** The request being answered found no endpoint: {@code NoRoute}, {@code NoMethod}, {@code preflight}. */
    void unrouted(String kind) {
        if (active) {
            endpoint = observation.unrouted(kind, method);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (active) {
            if (msg instanceof HttpResponse response) {
                int code = response.status().code();
                if (code >= 200 || code < 100) {
                    status = code; // a 100 Continue is not the answer
                } else {
                    ctx.write(msg, promise);
                    return;
                }
            }
            if (msg instanceof LastHttpContent && status != 0) {
                end();
            }
        }
        ctx.write(msg, promise);
    }

    private void end() {
        long nanos = System.nanoTime() - startNanos;
        EndpointMetrics m = endpoint != null ? endpoint : observation.unrouted("invalid", method);
        if (m != null) {
            m.record(status, nanos);
        }
        if (observation.accessLog() && !skipped()) {
            Log.access(new AccessLogLine(System.currentTimeMillis(), status, nanos, clientIp, method, target,
                    observation.json()));
        }
        active = false;
        Object[] next = waiting == null ? null : waiting.poll();
        if (next != null) {
            begin((Long) next[0], (String) next[1], (String) next[2]);
        }
    }

    private boolean skipped() {
        if (observation.skipPaths().isEmpty()) {
            return false;
        }
        int q = target.indexOf('?');
        return observation.skipPaths().contains(q < 0 ? target : target.substring(0, q));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (active) {
            if (status == 0) {
                // The client went away before any answer (a slow backend, a pending gate): counted and logged
                // as 499, nginx's "client closed request", instead of vanishing from the figures.
                status = CLIENT_CLOSED;
            }
            end(); // or the answer broke off after its head: logged with the status the client was sent
        }
        active = false;
        if (waiting != null) {
            waiting.clear();
        }
        super.channelInactive(ctx);
    }
}
