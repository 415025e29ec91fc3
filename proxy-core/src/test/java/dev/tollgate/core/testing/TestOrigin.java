package dev.tollgate.core.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/** A real Netty HTTP origin on an ephemeral loopback port, with a pluggable handler after its codec. */
public final class TestOrigin implements AutoCloseable {
    /** A request as the origin saw it (aggregated origins only). */
    public record Recorded(String method, String uri, HttpHeaders headers, String body) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger closedConnections = new AtomicInteger();
    public final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();

    private TestOrigin(Supplier<ChannelHandler> handler) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        ch.closeFuture().addListener(f -> closedConnections.incrementAndGet());
                        ch.pipeline().addLast(new HttpServerCodec()).addLast(handler.get());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /** An origin whose handler (after {@code HttpServerCodec}) streams however the test wants. */
    public static TestOrigin streaming(Supplier<ChannelHandler> handler) throws InterruptedException {
        return new TestOrigin(handler);
    }

    /** An origin that aggregates each request, records it, and answers what {@code responder} returns. */
    public static TestOrigin aggregating(Function<Recorded, FullHttpResponse> responder) throws InterruptedException {
        TestOrigin[] self = new TestOrigin[1];
        self[0] = new TestOrigin(() -> new io.netty.channel.ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpServerKeepAliveHandler(), new HttpObjectAggregator(16 * 1024 * 1024),
                        new SimpleChannelInboundHandler<FullHttpRequest>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                Recorded r = new Recorded(req.method().name(), req.uri(),
                                        new DefaultHttpHeaders().add(req.headers()),
                                        req.content().toString(StandardCharsets.UTF_8));
                                self[0].requests.add(r);
                                FullHttpResponse response = responder.apply(r);
                                if (!HttpUtil.isKeepAlive(req)) {
                                    HttpUtil.setKeepAlive(response, false);
                                }
                                ctx.writeAndFlush(response);
                            }
                        });
            }
        });
        return self[0];
    }

    /** An aggregating origin that answers 200 with body {@code ok <uri>}. */
    public static TestOrigin ok() throws InterruptedException {
        return aggregating(r -> text(HttpResponseStatus.OK, "ok " + r.uri()));
    }

    public static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public Recorded take() throws InterruptedException {
        Recorded r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the origin received no request");
        }
        return r;
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
