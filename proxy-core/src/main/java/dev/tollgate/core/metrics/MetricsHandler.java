package dev.tollgate.core.metrics;

import dev.tollgate.core.exchange.Responses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.IOException;
import java.util.List;

/**
 * Answers a scrape: GET (or HEAD) on one of the listener's paths gets the registry in Prometheus' text format
 * 0.0.4, written by Prometheus' own writer; any other path 404, any other method 405. Snapshots are taken on the
 * event loop: they read counters, nothing blocks.
 */
final class MetricsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private final GatewayMetrics metrics;
    private final List<String> paths;

    MetricsHandler(GatewayMetrics metrics, List<String> paths) {
        this.metrics = metrics;
        this.paths = paths;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        FullHttpResponse response;
        if (!paths.contains(path)) {
            response = Responses.text(HttpResponseStatus.NOT_FOUND, "404 page not found\n");
        } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            response = Responses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "405 method not allowed\n");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        } else {
            ByteBuf body = ctx.alloc().buffer(16 * 1024);
            try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
                WRITER.write(out, metrics.registry().scrape());
            } catch (IOException | RuntimeException e) {
                body.release();
                throw e;
            }
            response = Responses.withBody(HttpResponseStatus.OK, WRITER.getContentType(), body);
            if (request.method().equals(HttpMethod.HEAD)) {
                response = response.replace(Unpooled.EMPTY_BUFFER);
                body.release();
            }
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var write = ctx.writeAndFlush(response);
        if (!keepAlive) {
            write.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a broken scrape connection: nothing to answer, the scraper retries
    }
}
