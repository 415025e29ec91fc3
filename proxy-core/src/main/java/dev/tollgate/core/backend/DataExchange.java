package dev.tollgate.core.backend;

import dev.tollgate.core.data.DataMerge;
import dev.tollgate.core.data.DataWriter;
import dev.tollgate.core.data.SequentialParam;
import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.Responses;
import io.netty.buffer.Unpooled;
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
 * One request to an endpoint that is not no-op: an {@link Exchange} per backend writing to a
 * {@link BufferedResponse}; as each answers, its data is merged in arrival order (lura's parallel merge); when all
 * have answered or failed (each bounded by its route's timeout), static data is added and the whole is rendered
 * and sent. All on the client's event loop.
 *
 * <p>With lura's {@code sequential}, backend {@code i + 1} starts when {@code i} answered well, its URL filled from
 * the earlier answers ({@link SequentialParam}); a failure ends the chain with what merged so far, and the whole
 * chain is bounded by the route's chain timeout.
 *
 * <p>KrakenD's answer rules (router/gin/endpoint.go): 200 with the rendered data when anything merged, flagged
 * {@code X-Krakend-Completed: true} only when all did and the data is not empty, with {@code Cache-Control} from
 * {@code cache_ttl} only then; 500 with an empty body (the reasons with {@code router.return_error_msg}) when
 * nothing did. No backend header reaches the client. The client's request body, if any, goes to every backend.
 */
final class DataExchange implements ClientExchange, BufferedResponse.Owner, Runnable {
    private final DataRoute route;
    private final ClientConnection client;
    private final HttpRequest request;
    private final String[] params;
    /** Created at once (parallel) or each when its turn comes (sequential); null until then. */
    private final Exchange[] calls;
    private final BufferedResponse[] answers;
    private final DataMerge merge = new DataMerge();
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
        this.calls = new Exchange[n];
        this.answers = new BufferedResponse[n];
        for (int i = 0; i < n; i++) {
            answers[i] = new BufferedResponse(this, i, route.maxBodyBytes(), client.channel().alloc());
        }
        if (route.sequential() == null) {
            for (int i = 0; i < n; i++) {
                calls[i] = new Exchange(route.backend(i).route(), client, answers[i], request, params);
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
        Exchange call = new Exchange(route.backend(i).route(), client, answers[i], request, values);
        calls[i] = call;
        for (HttpContent c : body) {
            call.onContent(c.retainedDuplicate());
        }
        call.start();
    }

    @Override
    public void onAnswered(int index) {
        if (done) {
            return;
        }
        BufferedResponse answer = answers[index];
        DataBackend backend = route.backend(index);
        String why = answer.failure();
        if (why != null) {
            merge.fail();
            if (answer.tooLarge()) {
                calls[index].cancel();
                why = "[" + backend.name() + "]: " + why;
                backend.route().errors().endpointError(ExchangeError.BAD_ANSWER, why);
            }
        } else {
            if (backend.returnErrorCode() && route.size() == 1) {
                passedError = passedError(answer);
            }
            bodyBytes += answer.body() == null ? 0 : answer.body().readableBytes();
            why = AnswerDecoder.merge(merge, backend, answer, calls[index].sentUrl(), route.maxBodyBytes(),
                    parts == null ? null : data -> parts[index] = data);
            answer.release();
            if (why != null) {
                backend.route().errors().endpointError(ExchangeError.BAD_ANSWER, why);
            }
        }
        if (why != null) {
            if (failures == null) {
                failures = new ArrayList<>(2);
            }
            failures.add(why);
        }
        if (parts != null && why == null && index + 1 < route.size()) {
            startSequential(index + 1); // lura's chain goes on only after a good answer
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
        Exchange call = calls[current];
        if (call != null && !call.done()) {
            call.cancel();
            answers[current].release();
            DataBackend backend = route.backend(current);
            String why = "[" + backend.name() + "]: sequential chain timeout after "
                    + TimeUnit.NANOSECONDS.toMillis(route.chainTimeoutNanos()) + "ms (context deadline exceeded)";
            backend.route().errors().endpointError(ExchangeError.TIMEOUT, why);
            merge.fail();
            if (failures == null) {
                failures = new ArrayList<>(1);
            }
            failures.add(why);
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
            send(merge.merged() ? rendered() : failed());
        } else {
            send(passed);
        }
    }

    /** 200 with the merged data. */
    private FullHttpResponse rendered() {
        // Sized after the bodies it came from, and wrapped, not copied: the answer costs one array.
        DataWriter out = route.output().render(merge.data(), (int) Math.min(bodyBytes + 64, 1 << 24));
        FullHttpResponse response = Responses.withBody(HttpResponseStatus.OK, route.contentType(),
                Unpooled.wrappedBuffer(out.array(), 0, out.length()));
        boolean completed = merge.completed();
        response.headers().set(Responses.COMPLETED, completed ? Responses.TRUE : Responses.FALSE);
        if (completed && route.cacheControl() != null) {
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, route.cacheControl());
        }
        return response;
    }

    /** Nothing merged: KrakenD's 500, its reasons in the body with {@code router.return_error_msg}. */
    private FullHttpResponse failed() {
        return Responses.incomplete(route.returnsErrorMessage() && failures != null
                ? Responses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, String.join("\n", failures))
                : Responses.empty(HttpResponseStatus.INTERNAL_SERVER_ERROR));
    }

    /**
     * lura's HTTPResponseError at the endpoint (router/gin/endpoint.go): the backend's status, and with
     * {@code router.return_error_msg} its body under its own Content-Type; null when the status is a good one.
     */
    private FullHttpResponse passedError(BufferedResponse answer) {
        int code = answer.status().code();
        if (code == 200 || code == 201) {
            return null;
        }
        HttpResponseStatus status = HttpResponseStatus.valueOf(code);
        if (!route.returnsErrorMessage()) {
            return Responses.incomplete(Responses.empty(status));
        }
        String text = AnswerDecoder.text(answer);
        String type = answer.contentType();
        return Responses.incomplete(type == null || type.isEmpty() ? Responses.text(status, text)
                : Responses.withBody(status, type, Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8)));
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

    // The client's request body: a copy to every backend still running (and, sequential, to those to come).

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
        for (int i = 0; i < calls.length; i++) {
            if (calls[i] != null) {
                calls[i].cancel();
            }
            answers[i].release();
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
}
