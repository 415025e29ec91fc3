package dev.tollgate.server.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's identity provider: an OAuth2 token endpoint for one client (client credentials grant, RFC 6749
 * section 4.4; the secret in HTTP Basic or in the form) on loopback, that counts the token requests it answers so
 * the demo can show that many proxied calls cost one token. Not an identity provider for anything else.
 */
public final class DemoTokenEndpoint implements AutoCloseable {
    public static final String CLIENT_ID = "tollgate-demo";
    /** Public on purpose: the demo's dummy credential, printed nowhere and good for nothing but this endpoint. */
    public static final String CLIENT_SECRET = "dummy-demo-secret";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private final int expiresIn;

    /** @param port 0 for an ephemeral port */
    public DemoTokenEndpoint(int port, int expiresInSeconds) throws InterruptedException {
        this.expiresIn = expiresInSeconds;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024),
                                new Handler());
                    }
                }).bind("127.0.0.1", port).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String tokenUrl() {
        return "http://127.0.0.1:" + port() + "/token";
    }

    /** Tokens issued so far. */
    public long tokenRequests() {
        return tokens.get();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse res;
            if (req.method().equals(HttpMethod.GET) && req.uri().equals("/stats")) {
                res = json(HttpResponseStatus.OK, "{\"token_requests\":" + tokens.get() + ",\"refused\":"
                        + refused.get() + "}");
            } else if (req.method().equals(HttpMethod.POST) && req.uri().startsWith("/token")) {
                res = token(req);
            } else {
                res = json(HttpResponseStatus.NOT_FOUND, "{\"error\":\"not_found\"}");
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private FullHttpResponse token(FullHttpRequest req) {
            Map<String, List<String>> form = new QueryStringDecoder(req.content().toString(StandardCharsets.UTF_8),
                    false).parameters();
            String id = first(form, "client_id");
            String secret = first(form, "client_secret");
            String basic = req.headers().get(HttpHeaderNames.AUTHORIZATION);
            if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
                String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()),
                        StandardCharsets.UTF_8).split(":", 2);
                id = QueryStringDecoder.decodeComponent(pair[0]);
                secret = pair.length > 1 ? QueryStringDecoder.decodeComponent(pair[1]) : "";
            }
            if (!"client_credentials".equals(first(form, "grant_type")) || !CLIENT_ID.equals(id)
                    || !CLIENT_SECRET.equals(secret)) {
                refused.incrementAndGet();
                return json(HttpResponseStatus.UNAUTHORIZED, "{\"error\":\"invalid_client\"}");
            }
            tokens.incrementAndGet();
            byte[] raw = new byte[24];
            random.nextBytes(raw);
            String token = "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            return json(HttpResponseStatus.OK, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\","
                    + "\"expires_in\":" + expiresIn + "}");
        }

        private String first(Map<String, List<String>> form, String key) {
            List<String> v = form.get(key);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        private FullHttpResponse json(HttpResponseStatus status, String body) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            return r;
        }
    }
}
