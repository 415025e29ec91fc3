package dev.tollgate.core.backend;

import dev.tollgate.core.data.DataMerge;
import dev.tollgate.core.data.DataWriter;
import dev.tollgate.core.data.OutputEncoding;
import dev.tollgate.core.exchange.Responses;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The answers a data endpoint sends, as lura's endpoint handler and renders make them (router/gin). */
final class DataAnswers {
    private DataAnswers() {
    }

    /**
     * 200 with the merged data, flagged complete (and cacheable) only when it is.
     *
     * @param render    the route's render, or negotiate's choice for this request
     * @param bodyBytes the bodies it came from, summed: the rendered answer is about as long
     */
    static FullHttpResponse rendered(DataRoute route, OutputEncoding render, DataMerge merge, long bodyBytes) {
        // Sized after the bodies it came from, and wrapped, not copied: the answer costs one array.
        DataWriter out = render.render(merge.data(), (int) Math.min(bodyBytes + 64, 1 << 24));
        FullHttpResponse response = Responses.withBody(HttpResponseStatus.OK, route.contentType(render),
                Unpooled.wrappedBuffer(out.array(), 0, out.length()));
        boolean completed = merge.completed();
        response.headers().set(Responses.COMPLETED, completed ? Responses.TRUE : Responses.FALSE);
        if (completed && route.cacheControl() != null) {
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, route.cacheControl());
        }
        return response;
    }

    /**
     * Nothing merged: KrakenD's 500, with {@code router.return_error_msg} its reasons in the body.
     *
     * @param failures why the backends failed; may be null
     */
    static FullHttpResponse failed(DataRoute route, List<String> failures) {
        return Responses.incomplete(route.returnsErrorMessage() && failures != null
                ? Responses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, String.join("\n", failures))
                : Responses.empty(HttpResponseStatus.INTERNAL_SERVER_ERROR));
    }

    /**
     * lura's HTTPResponseError at the endpoint ({@code return_error_code}): the backend's status, and with
     * {@code router.return_error_msg} its body under its own Content-Type (Go's sniffed text type without one).
     */
    static FullHttpResponse passed(DataRoute route, BufferedResponse answer) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(answer.status().code());
        if (!route.returnsErrorMessage()) {
            return Responses.incomplete(Responses.empty(status));
        }
        String text = AnswerDecoder.text(answer);
        String type = answer.contentType();
        return Responses.incomplete(type == null || type.isEmpty() ? Responses.text(status, text)
                : Responses.withBody(status, type, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }
}
