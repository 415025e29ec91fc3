package dev.tollgate.core.cors;

import dev.tollgate.core.log.Log;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.ArrayDeque;

/**
 * Adds the CORS headers to every answer on one client connection, as KrakenD's CORS middleware wraps its whole
 * router (endpoints, 404s, 405s and the health endpoint alike). The decision is taken when a request head comes
 * in and applied to the next final response going out; HTTP/1.1 answers in request order, so a small queue keeps
 * pipelined requests straight. Informational answers ({@code 100 Continue}) are left alone.
 */
public final class CorsHandler extends ChannelDuplexHandler {
    private static final Log LOG = Log.get("cors");

    private final CorsPolicy policy;
    private CorsHeaders pending;
    private ArrayDeque<CorsHeaders> more;

    public CorsHandler(CorsPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            CorsHeaders decision = policy.decide(request);
            if (pending == null) {
                pending = decision;
            } else {
                if (more == null) {
                    more = new ArrayDeque<>(4);
                }
                more.add(decision);
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass()
                != io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
            CorsHeaders decision = pending;
            pending = more == null ? null : more.poll();
            if (decision != null) {
                decision.addTo(response.headers());
                if (policy.debug() && LOG.isDebugEnabled()) {
                    LOG.debug("[CORS] " + decision.why());
                }
            }
        }
        ctx.write(msg, promise);
    }
}
