package dev.tollgate.bench.idp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Routes {@code POST /token} and {@code GET /stats} to the {@link TokenIssuer}; 404 for anything else. */
final class TokenHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final TokenIssuer issuer;

    TokenHandler(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        TokenIssuer.Answer answer;
        if (path.equals("/token") && request.method().equals(HttpMethod.POST)) {
            answer = issuer.token(request.headers().get(HttpHeaderNames.AUTHORIZATION),
                    request.content().toString(StandardCharsets.UTF_8));
        } else if (path.equals("/stats") && request.method().equals(HttpMethod.GET)) {
            answer = new TokenIssuer.Answer(200, issuer.statsJson());
        } else {
            answer = new TokenIssuer.Answer(404, "{\"error\":\"not_found\"}");
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                Unpooled.copiedBuffer(answer.json(), StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
