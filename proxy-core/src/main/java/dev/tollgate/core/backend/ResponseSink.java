package dev.tollgate.core.backend;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * Where an exchange's response goes, part by part, on the exchange's event loop: the client connection
 * ({@link ClientResponseSink}, a no-op endpoint), or a bounded buffer whose body is decoded and merged with other
 * backends' data ({@link BufferedResponse}, an endpoint that is not no-op). The exchange calls {@code head}, any
 * number of {@code content}, then {@code end}; or {@code fail} at any point instead of the rest. Ownership of every
 * part passes to the sink.
 */
interface ResponseSink {

    /** The backend's response head as it came (hop-by-hop headers still in); it may be a full response. */
    void head(HttpResponse head);

    /** A chunk of the body; the last one is a {@code LastHttpContent}. */
    void content(HttpContent content);

    /** The end of one batch of backend reads: push on what was handed over so far. */
    void flush();

    /** The response is complete (its last content was handed over): the sink may take the next one. */
    void end();

    /**
     * The exchange failed. Before {@link #head} the sink answers {@code status} itself ({@code why} is the reason,
     * for a sink that shows it); after it the response is broken and the sink ends it as such.
     */
    void fail(HttpResponseStatus status, String why);

    /** As {@link #fail(HttpResponseStatus, String)}; an answer the sink writes itself carries {@code headers}. */
    default void fail(HttpResponseStatus status, String why, Map<String, String> headers) {
        fail(status, why);
    }

    /** Whether the sink takes more now; false pauses reading from the backend (backpressure). */
    boolean writable();

    /** What a response broken after its head comes to, for the log line. */
    default String brokenOutcome() {
        return "closing the client connection";
    }
}
