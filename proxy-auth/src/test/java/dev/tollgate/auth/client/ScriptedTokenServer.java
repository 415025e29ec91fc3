package dev.tollgate.auth.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
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
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A token endpoint on loopback whose answers the test scripts: status, body, content type, delay or silence. */
public final class ScriptedTokenServer implements AutoCloseable {
    /** @param clientCertificates what a TLS client presented (mutual TLS); empty otherwise */
    public record Recorded(String method, String uri, HttpHeaders headers, String body,
                           List<Certificate> clientCertificates) {
    }

    /**
     * @param delayMillis answer after this long; negative = never answer
     * @param location    a {@code Location} header, or null
     */
    public record Reply(int status, String contentType, String body, long delayMillis, String location) {
        public Reply(int status, String contentType, String body, long delayMillis) {
            this(status, contentType, body, delayMillis, null);
        }

        public static Reply redirect(int status, String location) {
            return new Reply(status, "text/html", "<a href=\"" + location + "\">moved</a>", 0, location);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, 0);
        }

        public static Reply token(String token, long expiresIn) {
            return json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
                    + expiresIn + "}");
        }
    }

    public final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    public final AtomicInteger count = new AtomicInteger();
    private volatile Function<Recorded, Reply> script;
    private final Channel channel;
    private final io.netty.handler.ssl.SslContext tls;

    public ScriptedTokenServer(EventLoopGroup group, Function<Recorded, Reply> script) {
        this(group, null, script);
    }

    /** @param tls when not null, the endpoint speaks HTTPS */
    public ScriptedTokenServer(EventLoopGroup group, io.netty.handler.ssl.SslContext tls,
                               Function<Recorded, Reply> script) {
        this.tls = tls;
        this.script = script;
        this.channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Responder());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    public void script(Function<Recorded, Reply> script) {
        this.script = script;
    }

    public String url(String pathAndQuery) {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + ((java.net.InetSocketAddress) channel.localAddress()).getPort() + pathAndQuery;
    }

    public int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    public Recorded take() throws InterruptedException {
        Recorded r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no token request arrived");
        }
        return r;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static List<Certificate> clientCertificates(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return List.of();
        }
        try {
            return List.of(tls.engine().getSession().getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            Recorded recorded = new Recorded(req.method().name(), req.uri(),
                    new DefaultHttpHeaders().add(req.headers()), req.content().toString(StandardCharsets.UTF_8),
                    clientCertificates(ctx));
            count.incrementAndGet();
            requests.add(recorded);
            Reply reply = script.apply(recorded);
            if (reply.delayMillis() < 0) {
                return;
            }
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()),
                    Unpooled.copiedBuffer(reply.body(), StandardCharsets.UTF_8));
            if (reply.contentType() != null) {
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
            }
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            if (reply.location() != null) {
                res.headers().set(HttpHeaderNames.LOCATION, reply.location());
            }
            Runnable send = () -> ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            if (reply.delayMillis() == 0) {
                send.run();
            } else {
                ctx.executor().schedule(send, reply.delayMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
