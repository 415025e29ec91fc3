package dev.tollgate.bench.origin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers each request as soon as its head is decoded (bodies are discarded) and flushes once per read batch, the
 * cheapest correct HTTP/1.1 origin Netty allows. Sits after an {@code HttpRequestDecoder}; writes raw bytes, so no
 * encoder is needed.
 */
final class OriginHandler extends ChannelInboundHandlerAdapter {
    private static final String STATS_PATH = "/__stats";
    private static final AsciiString BEARER = AsciiString.cached("Bearer ");

    private final OriginResponses responses;
    private final OriginStats stats;
    private boolean flushPending;
    private boolean closeAfterFlush;

    OriginHandler(OriginResponses responses, OriginStats stats) {
        this.responses = responses;
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest) {
                respond(ctx, (HttpRequest) msg);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void respond(ChannelHandlerContext ctx, HttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (request.uri().startsWith(STATS_PATH)) {
            ctx.write(OriginResponses.json(stats.json(), keepAlive), ctx.voidPromise());
        } else {
            stats.requests.increment();
            String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            if (authorization != null && BEARER.regionMatches(true, 0, authorization, 0, BEARER.length())) {
                stats.authorized.increment();
            }
            String uri = request.uri();
            int query = uri.indexOf('?');
            ctx.write(responses.payload(query < 0 ? uri : uri.substring(0, query), keepAlive), ctx.voidPromise());
        }
        flushPending = true;
        closeAfterFlush |= !keepAlive;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushPending) {
            flushPending = false;
            if (closeAfterFlush) {
                ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.flush();
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
