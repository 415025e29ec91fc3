package dev.tollgate.core.extension;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponse;

/**
 * What an extension adds to one backend: handlers on each of its connections and a gate before each request.
 *
 * <p>Pipeline order: the core builds {@code HttpClientCodec, <decorators' handlers in extension order>,
 * BackendExchangeHandler}. Outbound writes travel from the tail, so the handlers of a later extension see the
 * request first and an earlier extension has the last word (client credentials, registered first, overwrites any
 * {@code Authorization} a header modifier set). Responses travel from the head, in extension order.
 */
public interface BackendDecorator {

    /** Adds this extension's handlers to a new connection of the backend, on its event loop. */
    default void initChannel(ChannelPipeline pipeline) {
    }

    /** Checked before each request of the backend takes a connection. */
    default BackendGate gate() {
        return BackendGate.OPEN;
    }

    /**
     * The backend answered 401 to a request this decorator authorised (a revoked token): a gate the request passes
     * before it is sent once more, or null to give the 401 to the client. The core asks only for a request whose
     * body is not streaming (none was sent), and at most once per request.
     *
     * @param backend  the connection the 401 came on (its handlers know what they stamped)
     * @param response the 401's head
     */
    default BackendGate replayGate(Channel backend, HttpResponse response) {
        return null;
    }

    /**
     * How many bytes of a request body the core keeps while sending it, so that a 401 can be replayed with the
     * body too; 0 (the default) replays only bodiless requests. Larger bodies are streamed and never replayed.
     */
    default int replayBodyLimit() {
        return 0;
    }
}
