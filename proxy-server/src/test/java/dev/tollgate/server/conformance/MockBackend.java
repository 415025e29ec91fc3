package dev.tollgate.server.conformance;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * KrakenD's mock backend on an ephemeral loopback port: Netty's codec in front of {@link KrakendMockRoutes}, with
 * the request and response framing of Go's {@code net/http} server (keep-alive, a {@code Content-Length} for short
 * answers and chunks past Go's 2048-byte buffer, {@code Date}, no body for HEAD).
 */
final class MockBackend implements AutoCloseable {
    /** Go's bufferBeforeChunkingSize: a handler's answer up to this size gets a Content-Length. */
    private static final int GO_CHUNKING_BUFFER = 2048;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    MockBackend(Function<GoRequest, GoReply> handler) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new Exchange(handler));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection: collects a request (head and body, as sent), answers it, and keeps the connection alive. */
    private static final class Exchange extends SimpleChannelInboundHandler<HttpObject> {
        private final Function<GoRequest, GoReply> handler;
        private HttpRequest head;
        private ByteBufOutputStream body;

        Exchange(Function<GoRequest, GoReply> handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws IOException {
            if (msg instanceof HttpRequest req) {
                head = req;
                body = new ByteBufOutputStream(Unpooled.buffer());
                if (req.decoderResult().isFailure()) {
                    body.buffer().release();
                    body = null;
                    respond(ctx, false, "GET", GoReply.of(400, "text/plain; charset=utf-8", "400 Bad Request"));
                    return;
                }
            }
            if (msg instanceof HttpContent content && body != null) {
                content.content().readBytes(body, content.content().readableBytes());
                if (msg instanceof LastHttpContent) {
                    dispatch(ctx);
                }
            }
        }

        private void dispatch(ChannelHandlerContext ctx) {
            HttpRequest req = head;
            byte[] bytes = new byte[body.buffer().readableBytes()];
            body.buffer().readBytes(bytes);
            body.buffer().release();
            body = null;
            String uri = req.uri();
            int q = uri.indexOf('?');
            String rawPath = q < 0 ? uri : uri.substring(0, q);
            String path = GoNet.unescape(rawPath, false);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (path == null) {
                respond(ctx, false, req.method().name(), GoReply.of(400, "text/plain; charset=utf-8",
                        "400 Bad Request"));
                return;
            }
            GoRequest goRequest = new GoRequest(req.method().name(), path, q < 0 ? "" : uri.substring(q + 1),
                    goHeader(req.headers()), bytes);
            GoReply reply = handler.apply(goRequest);
            if (reply.aborted()) {
                ctx.close();
                return;
            }
            if (reply.delayMillis() > 0) {
                ctx.executor().schedule(() -> respond(ctx, keepAlive, goRequest.method(), reply),
                        reply.delayMillis(), TimeUnit.MILLISECONDS);
            } else {
                respond(ctx, keepAlive, goRequest.method(), reply);
            }
        }

        /** r.Header: canonical names; Go moves Host and Transfer-Encoding out (and a chunked request's length). */
        private static Map<String, List<String>> goHeader(HttpHeaders headers) {
            boolean chunked = headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : headers) {
                String name = GoNet.canonicalHeaderKey(e.getKey());
                if (name.equals("Host") || name.equals("Transfer-Encoding")
                        || (chunked && name.equals("Content-Length"))) {
                    continue;
                }
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(e.getValue());
            }
            return out;
        }

        private static void respond(ChannelHandlerContext ctx, boolean keepAlive, String method, GoReply reply) {
            HttpResponseStatus status = HttpResponseStatus.valueOf(reply.status(), GoNet.statusText(reply.status()));
            boolean chunked = reply.body().length > GO_CHUNKING_BUFFER;
            boolean head = method.equals("HEAD");
            HttpResponse res = chunked
                    ? new DefaultHttpResponse(HttpVersion.HTTP_1_1, status)
                    : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
            for (Map.Entry<String, String> h : reply.headers()) {
                res.headers().add(h.getKey(), h.getValue());
            }
            res.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
            if (chunked) {
                res.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                res.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
            }
            if (!keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ctx.write(res);
            if (chunked && !head) {
                ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(reply.body())));
            }
            var done = ctx.writeAndFlush(chunked ? new DefaultLastHttpContent() : Unpooled.EMPTY_BUFFER);
            if (!keepAlive) {
                done.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (body != null) {
                body.buffer().release();
                body = null;
            }
        }
    }
}
