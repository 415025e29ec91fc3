package dev.tollgate.core.backend;

import dev.tollgate.core.data.DataMerge;
import dev.tollgate.core.data.OutputEncoding;
import dev.tollgate.core.data.SequentialParam;
import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.Responses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request to an endpoint that is not no-op: an {@link Exchange} per backend call writing to a
 * {@link BufferedResponse}; as each backend answers, its data is merged in arrival order (lura's parallel merge);
 * when all have answered or failed (each call bounded by its route's timeout), the merged answer gets lura's
 * flatmap and static steps, is rendered and sent. All on the client's event loop.
 *
 * <p>With {@code concurrent_calls} N, each backend is called N times at once and its first complete answer is its
 * part (the other calls are cancelled); it fails when all N do. With lura's {@code sequential}, backend
 * {@code i + 1} is called when {@code i} answered well, its URL filled from the earlier answers
 * ({@link SequentialParam}); a failure ends the chain with what merged, and the whole chain is bounded by the
 * route's chain timeout.
 *
 * <p>KrakenD's answer rules (router/gin/endpoint.go): 200 with the rendered data when anything merged, flagged
 * {@code X-Krakend-Completed: true} only when all did and the data is not empty, with {@code Cache-Control} from
 * {@code cache_ttl} only then; 500 with an empty body (the reasons with {@code router.return_error_msg}) when
 * nothing did. No backend header reaches the client. The client's request body, if any, goes to every call.
 */
final class DataExchange implements ClientExchange, BufferedResponse.Owner, Runnable {
    private final DataRoute route;
    private final ClientConnection client;
    private final HttpRequest request;
    private final String[] params;
    /** Calls per backend ({@code concurrent_calls}); call {@code c} is to backend {@code c / tries}. */
    private final int tries;
    /** Created at once (parallel) or per backend when its turn comes (sequential); null until then. */
    private final Exchange[] calls;
    private final BufferedResponse[] answers;
    /** Per backend: calls not answered yet. */
    private final int[] left;
    /** Per backend: its part is decided (merged or failed); later answers are dropped. */
    private final boolean[] settled;
    /** Per backend: an incomplete answer (error details), kept in case no call answers completely. */
    private final AnswerDecoder.Outcome[] fallback;
    private final DataMerge merge = new DataMerge();
    /** Backends not settled yet (parallel); 1 while a sequential chain runs. */
    private int pending;
    /** The good answers' body sizes, summed: the rendered answer is about as long. */
    private long bodyBytes;
    private boolean done;
    /** Why backends failed, for {@code router.return_error_msg}; null until one does. */
    private List<String> failures;
    /** A lone backend's failed answer that {@code return_error_code} makes the endpoint's; null for none. */
    private FullHttpResponse passedError;

    // Sequential only
    /** Each backend's shaped data, for the placeholders of those after it. */
    private Map<String, Object>[] parts;
    /** The client's request body so far, kept for backends not started yet. */
    private List<HttpContent> body;
    private ScheduledFuture<?> chainTimeout;
    private int current;

    @SuppressWarnings("unchecked")
    DataExchange(DataRoute route, ClientConnection client, HttpRequest request, String[] params) {
        this.route = route;
        this.client = client;
        this.request = request;
        this.params = params;
        int n = route.size();
        this.tries = route.concurrentCalls();
        this.calls = new Exchange[n * tries];
        this.answers = new BufferedResponse[n * tries];
        this.left = new int[n];
        this.settled = new boolean[n];
        this.fallback = new AnswerDecoder.Outcome[n];
        for (int c = 0; c < answers.length; c++) {
            answers[c] = new BufferedResponse(this, c, route.maxBodyBytes(), client.channel().alloc());
        }
        Arrays.fill(left, tries);
        if (route.sequential() == null) {
            for (int c = 0; c < calls.length; c++) {
                calls[c] = new Exchange(route.backend(c / tries).route(), client, answers[c], request, params);
            }
            pending = n;
        } else {
            parts = new Map[n];
            body = new ArrayList<>(2);
            pending = 1;
        }
    }

    @Override
    public void start() {
        if (route.sequential() != null) {
            chainTimeout = client.channel().eventLoop().schedule(this, route.chainTimeoutNanos(),
                    TimeUnit.NANOSECONDS);
            startSequential(0);
            return;
        }
        // Each call may end right inside its start (a gate that refuses): the answer waits for the last one.
        for (Exchange call : calls) {
            if (done) {
                return;
            }
            call.start();
        }
    }

    /** Backend {@code i} of a sequential chain, its placeholders filled from the answers before it. */
    private void startSequential(int i) {
        current = i;
        SequentialParam[] extra = route.sequential();
        String[] values = Arrays.copyOf(params, params.length + extra.length);
        for (int j = 0; j < extra.length; j++) {
            int source = extra[j].source();
            values[params.length + j] = extra[j].resolve(source < i ? parts[source] : null);
        }
        for (int c = i * tries; c < (i + 1) * tries; c++) {
            Exchange call = new Exchange(route.backend(i).route(), client, answers[c], request, values);
            calls[c] = call;
            for (HttpContent content : body) {
                call.onContent(content.retainedDuplicate());
            }
        }
        for (int c = i * tries; c < (i + 1) * tries && !settled[i]; c++) {
            calls[c].start();
        }
    }

    @Override
    public void onAnswered(int index) {
        int b = index / tries;
        BufferedResponse answer = answers[index];
        if (done || settled[b]) {
            answer.release();
            return;
        }
        left[b]--;
        DataBackend backend = route.backend(b);
        AnswerDecoder.Outcome outcome;
        if (answer.failure() != null) {
            if (answer.tooLarge()) {
                calls[index].cancel();
                outcome = AnswerDecoder.Outcome.failed("[" + backend.name() + "]: " + answer.failure());
                backend.route().errors().endpointError(ExchangeError.BAD_ANSWER, outcome.why());
                countBadAnswer(backend.route());
            } else {
                outcome = AnswerDecoder.Outcome.failed(answer.failure()); // the exchange logged it
            }
        } else {
            outcome = AnswerDecoder.decode(backend, answer, calls[index].sentUrl(), route.maxBodyBytes());
            if (outcome.answered()) {
                bodyBytes += answer.body() == null ? 0 : answer.body().readableBytes();
            } else {
                backend.route().errors().endpointError(ExchangeError.BAD_ANSWER, outcome.why());
                if (outcome.status() < 500) {
                    countBadAnswer(backend.route()); // a 5xx is already counted as such by its exchange
                }
                if (outcome.status() != 0 && backend.returnErrorCode() && route.size() == 1) {
                    if (passedError != null) {
                        passedError.release(); // of concurrent calls, the last failure is the one lura returns
                    }
                    passedError = DataAnswers.passed(route, answer);
                }
            }
        }
        answer.release();
        if (outcome.answered() && outcome.complete()) {
            settle(b, outcome); // lura's concurrent calls: the first complete answer wins
        } else if (outcome.answered()) {
            fallback[b] = outcome;
            if (left[b] == 0) {
                settle(b, outcome);
            }
        } else {
            if (failures == null) {
                failures = new ArrayList<>(2);
            }
            failures.add(outcome.why());
            if (left[b] == 0) {
                settle(b, fallback[b] != null ? fallback[b] : outcome);
            }
        }
    }

    /** Backend {@code b}'s part is decided: merge it or count its failure, cancel its other calls, go on. */
    private void settle(int b, AnswerDecoder.Outcome outcome) {
        settled[b] = true;
        for (int c = b * tries; c < (b + 1) * tries; c++) {
            if (calls[c] != null && !calls[c].done()) {
                calls[c].cancel();
            }
            answers[c].release();
        }
        if (outcome.answered()) {
            if (parts != null) {
                parts[b] = outcome.data();
            }
            merge.add(outcome.data(), outcome.complete());
        } else {
            merge.fail();
        }
        if (parts != null && outcome.answered() && b + 1 < route.size()) {
            startSequential(b + 1); // lura's chain goes on only after a good answer
            return;
        }
        if (--pending == 0) {
            respond();
        }
    }

    /** The sequential chain's timeout: the backend being called is cut off, the rest never called. */
    @Override
    public void run() {
        if (done) {
            return;
        }
        if (!settled[current]) {
            DataBackend backend = route.backend(current);
            String why = "[" + backend.name() + "]: sequential chain timeout after "
                    + TimeUnit.NANOSECONDS.toMillis(route.chainTimeoutNanos()) + "ms (context deadline exceeded)";
            backend.route().errors().endpointError(ExchangeError.TIMEOUT, why);
            if (failures == null) {
                failures = new ArrayList<>(1);
            }
            failures.add(why);
            settled[current] = true;
            for (int c = current * tries; c < (current + 1) * tries; c++) {
                if (calls[c] != null) {
                    calls[c].cancel();
                }
                answers[c].release();
            }
            merge.fail();
        }
        respond();
    }

    private void respond() {
        done = true;
        releaseChain();
        // lura's middleware order: merge, flatmap (skipped when the merge returned an error), static
        if (route.mergedFlatmap() != null && merge.merged() && !merge.failed()) {
            merge.reshape(route.mergedFlatmap()::apply);
        }
        if (route.staticData() != null) {
            route.staticData().apply(merge);
        }
        FullHttpResponse passed = passedError;
        passedError = null;
        if (merge.merged() || passed == null) {
            if (passed != null) {
                passed.release(); // static data made an answer after all
            }
            send(merge.merged() ? DataAnswers.rendered(route, render(), merge, bodyBytes)
                    : DataAnswers.failed(route, failures));
        } else {
            send(passed);
        }
    }

    /** The route's render; for negotiate, lura's choice by the request's first Accept header. */
    private OutputEncoding render() {
        OutputEncoding output = route.output();
        return output == OutputEncoding.NEGOTIATE ? output.negotiated(request.headers().get(HttpHeaderNames.ACCEPT))
                : output;
    }

    private void send(FullHttpResponse response) {
        if (client.draining() || !HttpUtil.isKeepAlive(request)) {
            HttpUtil.setKeepAlive(response, false);
        }
        ChannelHandlerContext ctx = client.ctx();
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.release();
        }
        client.exchangeDone(this, false);
    }

    // The client's request body: a copy to every call still running (and, sequential, to those to come).

    @Override
    public void onContent(HttpContent content) {
        try {
            if (done) {
                return;
            }
            if (body != null) {
                body.add(content.retainedDuplicate());
            }
            for (Exchange call : calls) {
                if (call != null && !call.done()) {
                    call.onContent(content.retainedDuplicate());
                }
            }
        } finally {
            content.release();
        }
    }

    @Override
    public boolean wantsContent() {
        if (done) {
            return false;
        }
        boolean any = false;
        for (Exchange call : calls) {
            if (call != null && !call.done()) {
                if (!call.wantsContent()) {
                    return false; // the slowest backend paces the client
                }
                any = true;
            }
        }
        return any;
    }

    @Override
    public void onClientReadComplete() {
        for (Exchange call : calls) {
            if (call != null && !call.done()) {
                call.onClientReadComplete();
            }
        }
    }

    @Override
    public void onClientClosed() {
        if (done) {
            return;
        }
        done = true;
        route.backend(0).route().errors().endpointError(ExchangeError.CLIENT_CLOSED,
                "the client closed the connection before the response was complete");
        cancelAll();
    }

    @Override
    public void onRequestBroken() {
        if (done) {
            return;
        }
        done = true;
        cancelAll();
        route.backend(0).route().errors().endpointError(ExchangeError.BAD_REQUEST, "malformed request body from "
                + "the client (invalid chunked encoding); the backend requests were dropped");
        send(Responses.incomplete(Responses.empty(HttpResponseStatus.BAD_REQUEST)));
    }

    private void cancelAll() {
        for (int c = 0; c < calls.length; c++) {
            if (calls[c] != null) {
                calls[c].cancel();
            }
            answers[c].release();
        }
        if (passedError != null) {
            passedError.release();
            passedError = null;
        }
        releaseChain();
    }

    /** Drops what only a sequential chain keeps: its timer and its copy of the request body. */
    private void releaseChain() {
        if (chainTimeout != null) {
            chainTimeout.cancel(false);
        }
        if (body != null) {
            body.forEach(HttpContent::release);
            body.clear();
        }
    }

    private static void countBadAnswer(BackendRoute route) {
        if (route.metrics() != null) {
            route.metrics().failed(dev.tollgate.core.metrics.BackendMetrics.Failure.BAD_ANSWER);
        }
    }
}
