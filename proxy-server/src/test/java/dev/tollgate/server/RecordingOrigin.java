package dev.tollgate.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP origin on a loopback port for end-to-end tests: records every request it receives (headers copied)
 * and answers with a fixed status and a small JSON body (or one of {@link #documents}). {@link #status} can be
 * changed between requests.
 */
final class RecordingOrigin implements AutoCloseable {
    /** What the origin saw of one request. */
    record Seen(String method, String uri, HttpHeaders headers, String body) {
    }

    final BlockingQueue<Seen> requests = new LinkedBlockingQueue<>();
    final AtomicInteger status = new AtomicInteger(200);
    /** Delay before answering, to hold an exchange in flight. */
    final AtomicInteger delayMillis = new AtomicInteger(0);
    /** Request URI -> a JSON body served instead of the fixed one (a JWK set, say). */
    final Map<String, String> documents = new ConcurrentHashMap<>();
    /** Authorization values refused with 401 (revoked tokens); {@code "*"} refuses every request. */
    final java.util.Set<String> revoked = ConcurrentHashMap.newKeySet();
    /** Request URI -> Location: those requests get a 302 there instead. */
    final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    private final boolean tls;

    RecordingOrigin() throws InterruptedException {
        this(null);
    }

    /** An HTTPS origin when {@code ssl} is non-null. */
    RecordingOrigin(io.netty.handler.ssl.SslContext ssl) throws InterruptedException {
        tls = ssl != null;
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        requests.add(new Seen(req.method().name(), req.uri(), req.headers().copy(),
                                                req.content().toString(StandardCharsets.UTF_8)));
                                        String document = documents.get(req.uri());
                                        byte[] body = (document == null ? "{\"ok\":true}" : document)
                                                .getBytes(StandardCharsets.UTF_8);
                                        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.valueOf(status.get()), Unpooled.wrappedBuffer(body));
                                        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                                        HttpUtil.setContentLength(res, body.length);
                                        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
                                        if (revoked.contains("*") || (auth != null && revoked.contains(auth))) {
                                            res.setStatus(HttpResponseStatus.UNAUTHORIZED);
                                        }
                                        String location = redirects.get(req.uri());
                                        if (location != null) {
                                            res.setStatus(HttpResponseStatus.FOUND);
                                            res.headers().set(HttpHeaderNames.LOCATION, location);
                                        }
                                        ctx.executor().schedule(() -> ctx.writeAndFlush(res),
                                                delayMillis.get(), java.util.concurrent.TimeUnit.MILLISECONDS);
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
