package dev.tollgate.core.backend;

import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.http.HopByHop;
import dev.tollgate.core.http.RedirectRules;
import dev.tollgate.core.log.Log;
import dev.tollgate.core.metrics.BackendMetrics;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * One proxied request: gates, then a pooled or new backend connection on the client's event loop, then the request
 * and response streamed chunk by chunk with backpressure both ways. Confined to that event loop; every callback
 * checks the state, so late answers (a gate or connect finishing after the timeout) are ignored.
 *
 * <p>The connection is held by a {@link BackendLease}, the response goes to a {@link ResponseSink} (the client
 * connection, {@link ClientResponseSink}), and redirects are tracked by a {@link RedirectChain}; what stays here is
 * the state machine, the gates, the timeout and the pumping of both bodies.
 *
 * <p>Failure rules: before the response head reached the client, a timeout answers 504 and a refused, reset or
 * malformed backend answers 502; after it, the client connection is closed (the response cannot be completed).
 * A backend connection goes back to the pool only when the request was fully sent and the response fully read
 * and keep-alive; otherwise it is closed.
 *
 * <p>A backend's redirect is followed as KrakenD follows it ({@link Redirects}): its body is read and dropped,
 * the connection recycled, and the next request sent, all within the endpoint timeout.
 */
final class Exchange extends Deadline implements ClientExchange, BackendGate.Listener, BackendExchangeHandler.Owner {
    private static final Log LOG = Log.get("proxy");

    private enum State { GATE, CONNECTING, FORWARDING, DONE }

    private final BackendRoute route;
    private final ClientConnection client;
    private final ResponseSink sink;
    private final HttpRequest request;
    private final String[] params;
    private final EventLoop loop;
    /** One per exchange, for every hop and the retry. */
    private final BackendLease lease;

    private State state = State.GATE;
    private int gateIndex;
    /** Request body that arrived while no connection was held (gates, connecting, between hops). */
    private ArrayDeque<HttpContent> pending;

    private boolean requestSent;
    private boolean backendDirty;
    private boolean bodyBytesSent;
    private boolean retried;

    /** The request head on the backend connection now: what a redirect is relative to. */
    private HttpRequest sent;
    /** Null until the backend first answers with a redirect. */
    private RedirectChain redirects;

    private boolean headSent;
    private boolean connectRefused;
    /** When the request (this hop's, or the replay's) went to the backend, for its latency metric. */
    private long sentNanos;
    /** The backend answer's status once its head is in, for the metric at its end. */
    private int answerStatus;
    private boolean backendKeepAlive;
    private boolean skippingInformational;
    /** The request was sent once more after a 401 (a revoked token): never twice. */
    private boolean replayed;
    /** Dropping the body of a 401 that is replayed; the replay waits for this gate once it has ended. */
    private BackendGate replayGate;
    /**
     * Copies (retained duplicates, no byte copy) of the request body as it was sent, while it fits the route's
     * replay limit, so a 401 can be replayed with it; null when nothing is kept.
     */
    private ArrayDeque<HttpContent> kept;
    private long keptBytes;
    /** The body sent so far is all in {@link #kept}: false once it outgrew the limit, or after a replay. */
    private boolean keepsBody = true;

    /** An exchange that streams its response to the client connection (a no-op endpoint). */
    Exchange(BackendRoute route, ClientConnection client, HttpRequest request, String[] params) {
        this(route, client, null, request, params);
    }

    /**
     * An exchange that writes its response to {@code sink} (one backend of a data endpoint); {@code client} still
     * gives the event loop, the client's IP and the reading of the request body.
     *
     * @param sink null for the client connection's own sink
     */
    Exchange(BackendRoute route, ClientConnection client, ResponseSink sink, HttpRequest request, String[] params) {
        this.route = route;
        this.client = client;
        this.sink = sink != null ? sink : ClientResponseSink.begin(client, this, request, route.returnsErrorMessage());
        this.request = request;
        this.params = params;
        this.loop = client.channel().eventLoop();
        this.lease = new BackendLease(this, route, loop);
    }

    @Override
    public void start() {
        route.deadlines(loop).add(this);
        nextGate();
    }

    // Gates

    private void nextGate() {
        BackendGate[] gates = route.gates();
        if (gateIndex < gates.length) {
            try {
                gates[gateIndex++].await(loop, this);
            } catch (RuntimeException e) {
                // A broken extension must not take the event loop's exchange down with it.
                if (state == State.GATE) {
                    fail(HttpResponseStatus.INTERNAL_SERVER_ERROR, ExchangeError.GATE_FAILED,
                            "backend gate failed: " + e);
                }
            }
            return;
        }
        connect();
    }

    @Override
    public void onReady() {
        if (state == State.GATE) {
            nextGate();
        }
    }

    @Override
    public void onRejected(GateRejection rejection) {
        if (state != State.GATE) {
            return;
        }
        fail(HttpResponseStatus.valueOf(rejection.status()), ExchangeError.GATE_REJECTED, rejection.logMessage(),
                rejection.headers());
    }

    // Connecting

    private void connect() {
        state = State.CONNECTING;
        lease.acquire();
    }

    /** The lease could not open a connection to {@code target}. */
    void onConnectFailed(BackendHost target, Throwable cause) {
        connectRefused = cause instanceof ConnectException;
        String why = cause instanceof ConnectException ? "connection refused" : String.valueOf(cause);
        fail(HttpResponseStatus.BAD_GATEWAY, ExchangeError.CONNECT_FAILED,
                "cannot connect to " + target + ": " + why);
    }

    /** The lease holds a connection (pooled or new): send the request head and whatever body already arrived. */
    void onConnected() {
        state = State.FORWARDING;
        lease.autoRead(sink.writable());
        HttpRequest out;
        try {
            // Built anew from the client's request for every hop: what decorators added to the last one (a token,
            // martian headers) must not travel to a host they were not meant for.
            out = route.requests().build(request, params, client.clientIp(), lease.host());
            if (redirects != null) {
                out = redirects.request(out);
            }
        } catch (RuntimeException e) {
            // Whatever the builder cannot translate must still get an answer, never a hung exchange.
            fail(HttpResponseStatus.BAD_REQUEST, ExchangeError.BAD_REQUEST,
                    "cannot build the backend request: " + e.getMessage());
            return;
        }
        sent = out;
        if (route.metrics() != null) {
            sentNanos = System.nanoTime();
        }
        lease.write(out);
        if (pending != null) {
            HttpContent c;
            while ((c = pending.poll()) != null) {
                writeToBackend(c);
            }
        }
        lease.flush();
        backendDirty = false;
        client.readingChanged();
    }

    // Request body

    @Override
    public void onContent(HttpContent content) {
        if (state == State.FORWARDING && lease.held()) {
            writeToBackend(content);
            if (requestSent) {
                lease.flush();
                backendDirty = false;
            } else if (!lease.writable()) {
                client.readingChanged();
            }
        } else if (state == State.DONE) {
            content.release();
        } else {
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            pending.add(content);
        }
    }

    private void writeToBackend(HttpContent content) {
        if (content instanceof LastHttpContent last) {
            requestSent = true;
            HopByHop.dropTrailers(last);
        }
        if (content.content().isReadable()) {
            bodyBytesSent = true;
            keep(content);
        }
        lease.write(content);
        backendDirty = true;
    }

    @Override
    public boolean wantsContent() {
        return state == State.FORWARDING && lease.writable();
    }

    @Override
    public void onClientReadComplete() {
        if (backendDirty && lease.held()) {
            backendDirty = false;
            lease.flush();
        }
    }

    @Override
    public void onBackendWritabilityChanged() {
        client.readingChanged();
    }

    // Response

    @Override
    public void onBackendMessage(Object msg) {
        if (state != State.FORWARDING) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            onBackendFailure(new IllegalStateException("malformed response: " + o.decoderResult().cause()));
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                skippingInformational = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            if (response.status().code() == 401 && requestSent && !replayed && replayable()) {
                // A bodiless request refused for its credentials: ask the decorators (a revoked token is
                // replaced single-flight) whether to send it once more instead of passing the 401 on.
                BackendGate gate = route.replayGate(lease.channel(), response);
                if (gate != null) {
                    replayed = true;
                    replayGate = gate;
                    backendKeepAlive = HttpUtil.isKeepAlive(response);
                    ReferenceCountUtil.release(msg);
                    if (msg instanceof LastHttpContent) {
                        replay();
                    }
                    return;
                }
            }
            if (route.followsRedirects() && requestSent && RedirectRules.isRedirect(response.status().code())
                    && startRedirect(response)) {
                ReferenceCountUtil.release(msg);
                if (msg instanceof LastHttpContent) {
                    followRedirect();
                }
                return;
            }
            backendKeepAlive = HttpUtil.isKeepAlive(response); // before the sink strips Connection
            releaseKept(); // answered: no replay any more
            keepsBody = false;
            headSent = true;
            answerStatus = response.status().code();
            sink.head(response);
            if (msg instanceof LastHttpContent && state == State.FORWARDING) { // a sink may have cancelled
                complete();
            }
            return;
        }
        if (msg instanceof HttpContent content) {
            if (skippingInformational) {
                skippingInformational = !(content instanceof LastHttpContent);
                content.release();
                return;
            }
            if (replayGate != null) {
                content.release(); // the refused answer's body: nobody reads it
                if (content instanceof LastHttpContent) {
                    replay();
                }
                return;
            }
            if (redirects != null && redirects.pending()) {
                content.release(); // the body of a redirect that is followed: nobody reads it
                if (content instanceof LastHttpContent) {
                    followRedirect();
                }
                return;
            }
            sink.content(content);
            if (state != State.FORWARDING) {
                return; // the sink cancelled the exchange (a buffering sink past its cap)
            }
            if (content instanceof LastHttpContent) {
                complete();
            } else if (!sink.writable()) {
                lease.autoRead(false);
            }
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void onBackendReadComplete() {
        sink.flush();
    }

    @Override
    public void onClientWritabilityChanged() {
        if (state == State.FORWARDING && lease.held()) {
            lease.autoRead(sink.writable());
        }
    }

    /** The response is complete: recycle or close the backend connection, let the sink go on. */
    private void complete() {
        state = State.DONE;
        cancelDeadline();
        BackendMetrics metrics = route.metrics();
        if (metrics != null) {
            metrics.answered(answerStatus, System.nanoTime() - sentNanos);
        }
        // Recycled first: a pipelined request that the sink's end() starts may take this connection right away.
        lease.recycle(requestSent && backendKeepAlive);
        sink.end();
    }

    // Redirects

    /** Decides whether {@code response} is a redirect to follow; false when it goes to the client instead. */
    private boolean startRedirect(HttpResponse response) {
        if (redirects == null) {
            // No hop yet, so the lease still goes where the exchange's first request went.
            redirects = new RedirectChain(lease.host());
        }
        try {
            return redirects.start(response, sent, lease.host(), bodyBytesSent, route.hosts());
        } catch (IllegalArgumentException e) {
            fail(HttpResponseStatus.BAD_GATEWAY, ExchangeError.REDIRECT_FAILED, e.getMessage());
            return true;
        }
    }

    /** The redirect's body has been read: send the next request, on a pooled or a one-off connection. */
    /** Keeps a copy of a body chunk for a replay while the whole body still fits the route's limit. */
    private void keep(HttpContent content) {
        if (!keepsBody) {
            return;
        }
        int n = content.content().readableBytes();
        if (keptBytes + n > route.replayBodyLimit()) {
            keepsBody = false; // too large to keep: streamed only, never replayed
            releaseKept();
            return;
        }
        if (kept == null) {
            kept = new ArrayDeque<>(4);
        }
        kept.add(content.retainedDuplicate());
        keptBytes += n;
    }

    private void releaseKept() {
        if (kept != null) {
            kept.forEach(ReferenceCountUtil::release);
            kept = null;
        }
    }

    /** The request may be sent again: nothing of its body went out, or all of it is kept. */
    private boolean replayable() {
        return !bodyBytesSent || (keepsBody && kept != null);
    }

    /** After a 401's end: the connection goes back, the request waits for the replay gate, then is sent again. */
    private void replay() {
        if (state != State.FORWARDING) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("[ENDPOINT: " + route.endpoint() + "] the backend answered 401; replaying once with a new token");
        }
        BackendGate gate = replayGate;
        replayGate = null;
        lease.recycle(backendKeepAlive);
        retried = false;
        if (kept != null) {
            // The kept body goes again, its end included; sendAgain would only add an empty end.
            requestSent = false;
            pending = kept;
            if (!(pending.peekLast() instanceof LastHttpContent)) {
                pending.add(LastHttpContent.EMPTY_LAST_CONTENT); // its end carried no bytes, so it was not kept
            }
            kept = null;
        }
        keepsBody = false;
        sendAgain();
        state = State.GATE;
        gateIndex = route.gates().length; // the usual gates were passed; only the replay's is left
        gate.await(loop, this);
    }

    private void followRedirect() {
        if (state != State.FORWARDING) {
            return;
        }
        boolean keepAlive = redirects.pendingKeepAlive();
        Redirects.Hop hop = redirects.follow();
        if (LOG.isDebugEnabled()) {
            LOG.debug("[ENDPOINT: " + route.endpoint() + "] following a redirect from " + lease.host() + " to "
                    + hop.target() + " (" + hop.method() + ")");
        }
        lease.recycle(keepAlive);
        retried = false;
        sendAgain();
        lease.acquire(hop);
    }

    // Failures

    /** The backend connection failed or closed (cause null) before the response was complete. */
    @Override
    public void onBackendFailure(Throwable cause) {
        if (state != State.FORWARDING) {
            return;
        }
        String why = cause == null ? "the backend closed the connection" : ExchangeError.describe(cause, lease.host());
        if (!headSent && lease.reused() && !retried && !bodyBytesSent && route.requests().isReplayable()) {
            retry(why);
            return;
        }
        fail(HttpResponseStatus.BAD_GATEWAY, ExchangeError.BACKEND_FAILED, why);
    }

    /**
     * A pooled connection failed before any answer: most likely the backend closed it as idle while it was being
     * reused. Like Go's transport, a bodiless idempotent request is sent once more on a new connection.
     */
    private void retry(String why) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("[ENDPOINT: " + route.endpoint() + "] reused connection failed (" + why + "); retrying once");
        }
        retried = true;
        sendAgain();
        client.readingChanged();
        lease.reconnect();
    }

    /**
     * The request goes out again on the next connection (the retry, a redirect hop). Its head is built anew; no body
     * bytes went out (the retry's condition) or none are to (a hop), so once the client's end was sent only an
     * empty end is queued for the next connection.
     */
    private void sendAgain() {
        state = State.CONNECTING;
        bodyBytesSent = false;
        if (requestSent) {
            requestSent = false;
            if (pending == null) {
                pending = new ArrayDeque<>(1);
            }
            pending.add(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }

    /** The endpoint timeout. The exchange is its own deadline entry, so a request allocates nothing for it. */
    @Override
    void expire() {
        if (state == State.DONE) {
            return;
        }
        String why = "backend timeout after " + route.timeoutText() + " (context deadline exceeded)";
        fail(HttpResponseStatus.GATEWAY_TIMEOUT, ExchangeError.TIMEOUT, why);
    }

    /**
     * Ends the exchange and drops the backend side; the sink answers {@code status} while it has no response head
     * yet, after that only closing is left. Logged as {@code kind}, or mid-response as a broken response.
     */
    private void fail(HttpResponseStatus status, ExchangeError kind, String why) {
        fail(status, kind, why, Map.of());
    }

    /** As {@link #fail(HttpResponseStatus, ExchangeError, String)}, with headers for the error answer. */
    private void fail(HttpResponseStatus status, ExchangeError kind, String why, Map<String, String> headers) {
        BackendMetrics metrics = route.metrics();
        if (metrics != null) {
            BackendMetrics.Failure failure = headSent ? BackendMetrics.Failure.BROKEN : failure(kind);
            if (failure != null) {
                metrics.failed(failure);
            }
        }
        if (!headSent) {
            route.errors().endpointError(kind, route.named(why));
        } else {
            route.errors().endpointError(ExchangeError.RESPONSE_BROKEN,
                    route.named(why) + " in the middle of the response; " + sink.brokenOutcome());
        }
        state = State.DONE;
        releaseBackend();
        sink.fail(status, why, headers);
    }

    /** The metric kind of a failure before the answer's head; null for the client's own doing. */
    private BackendMetrics.Failure failure(ExchangeError kind) {
        return switch (kind) {
            case GATE_REJECTED, GATE_FAILED -> BackendMetrics.Failure.REJECTED;
            case CONNECT_FAILED -> connectRefused ? BackendMetrics.Failure.REFUSED : BackendMetrics.Failure.CONNECT;
            case BACKEND_FAILED, REDIRECT_FAILED -> BackendMetrics.Failure.RESET;
            case TIMEOUT -> BackendMetrics.Failure.TIMEOUT;
            case RESPONSE_BROKEN -> BackendMetrics.Failure.BROKEN;
            case BAD_ANSWER -> BackendMetrics.Failure.BAD_ANSWER;
            case CLIENT_CLOSED, BAD_REQUEST -> null;
        };
    }

    /** A bad chunk from the client: the backend got a truncated body, so its connection goes; 400 if still possible. */
    @Override
    public void onRequestBroken() {
        if (state == State.DONE) {
            return;
        }
        fail(HttpResponseStatus.BAD_REQUEST, ExchangeError.BAD_REQUEST, "malformed request body from the client "
                + "(invalid chunked encoding); the backend request was dropped");
    }

    @Override
    public void onClientClosed() {
        if (state == State.DONE) {
            return;
        }
        route.errors().endpointError(ExchangeError.CLIENT_CLOSED,
                "the client closed the connection before the response was complete");
        cancel();
    }

    /** Ends the exchange silently: the backend connection is closed and the sink hears nothing more. */
    void cancel() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        releaseBackend();
    }

    /** The URL of the request on the backend connection now (the last hop's), or null before one was sent. */
    String sentUrl() {
        return sent == null ? null : lease.host() + sent.uri();
    }

    /** Whether the exchange has ended (completed, failed or cancelled). */
    boolean done() {
        return state == State.DONE;
    }

    /** Cancels the timer and closes (never pools) a backend connection the exchange did not complete. */
    private void releaseBackend() {
        cancelDeadline();
        releaseKept();
        lease.close();
        if (pending != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending.clear();
        }
    }
}
