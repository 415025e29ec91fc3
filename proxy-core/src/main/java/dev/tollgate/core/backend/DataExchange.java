package dev.tollgate.core.backend;

import dev.tollgate.core.data.DataMerge;
import dev.tollgate.core.data.DataWriter;
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
import java.util.ArrayList;
import java.util.List;

/**
 * One request to an endpoint that is not no-op: an {@link Exchange} per backend, all started at once on the
 * client's event loop, each writing to a {@link BufferedResponse}; as each answers, its data is merged in arrival
 * order (lura's parallel merge); when all have answered or failed (each is bounded by its route's timeout), the
 * merged data is rendered and sent.
 *
 * <p>KrakenD's answer rules (router/gin/endpoint.go): 200 with the rendered data when any backend merged, flagged
 * {@code X-Krakend-Completed: true} only when all did and the data is not empty, with {@code Cache-Control} from
 * {@code cache_ttl} only then; 500 with an empty body (the reasons with {@code router.return_error_msg}) when none
 * did. No backend header reaches the client. The client's request body, if any, goes to every backend.
 */
final class DataExchange implements ClientExchange, BufferedResponse.Owner {
    private final DataRoute route;
    private final ClientConnection client;
    private final HttpRequest request;
    private final Exchange[] calls;
    private final BufferedResponse[] answers;
    private final DataMerge merge = new DataMerge();
    private int pending;
    /** The good answers' body sizes, summed: the rendered answer is about as long. */
    private long bodyBytes;
    private boolean done;
    /** Why backends failed, for {@code router.return_error_msg}; null until one does. */
    private List<String> failures;

    DataExchange(DataRoute route, ClientConnection client, HttpRequest request, String[] params) {
        this.route = route;
        this.client = client;
        this.request = request;
        int n = route.size();
        this.calls = new Exchange[n];
        this.answers = new BufferedResponse[n];
        for (int i = 0; i < n; i++) {
            answers[i] = new BufferedResponse(this, i, route.maxBodyBytes(), client.channel().alloc());
            calls[i] = new Exchange(route.backend(i).route(), client, answers[i], request, params);
        }
        this.pending = n;
    }

    @Override
    public void start() {
        // Each call may end right inside its start (a gate that refuses): the answer waits for the last one.
        for (Exchange call : calls) {
            if (done) {
                return;
            }
            call.start();
        }
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
            bodyBytes += answer.body() == null ? 0 : answer.body().readableBytes();
            why = AnswerDecoder.merge(merge, backend, answer, calls[index].sentUrl(), route.maxBodyBytes());
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
        if (--pending == 0) {
            respond();
        }
    }

    private void respond() {
        done = true;
        FullHttpResponse response;
        if (!merge.merged()) {
            response = Responses.incomplete(route.returnsErrorMessage()
                    ? Responses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, String.join("\n", failures))
                    : Responses.empty(HttpResponseStatus.INTERNAL_SERVER_ERROR));
        } else {
            // Sized after the bodies it came from, and wrapped, not copied: the answer costs one array.
            DataWriter body = route.output().render(merge.data(), (int) Math.min(bodyBytes + 64, 1 << 24));
            response = Responses.withBody(HttpResponseStatus.OK, route.contentType(),
                    Unpooled.wrappedBuffer(body.array(), 0, body.length()));
            boolean completed = merge.completed();
            response.headers().set(Responses.COMPLETED, completed ? Responses.TRUE : Responses.FALSE);
            if (completed && route.cacheControl() != null) {
                response.headers().set(HttpHeaderNames.CACHE_CONTROL, route.cacheControl());
            }
        }
        send(response);
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

    // The client's request body: a copy to every backend still running.

    @Override
    public void onContent(HttpContent content) {
        try {
            if (done) {
                return;
            }
            for (Exchange call : calls) {
                if (!call.done()) {
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
            if (!call.done()) {
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
            if (!call.done()) {
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
            calls[i].cancel();
            answers[i].release();
        }
    }
}
