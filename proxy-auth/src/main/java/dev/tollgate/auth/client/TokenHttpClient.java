package dev.tollgate.auth.client;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetchException.Reason;
import dev.tollgate.core.http.RedirectRules;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Posts one token request (or gets a JWK set) on the gateway's own event loops (no second HTTP stack): one short-lived connection per
 * request (and per redirect followed), the whole exchange (connect, TLS, request, response, redirects) bounded by a
 * timeout, the response body capped at 1 MiB. Failures are {@link TokenFetchException}s that name the token URL
 * and never the secret.
 */
public final class TokenHttpClient {
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final AsciiString FORM = AsciiString.cached("application/x-www-form-urlencoded");
    private static final AsciiString USER_AGENT = AsciiString.cached("Tollgate");

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final SslContext sslContext;
    private final PeerCheck peerCheck;

    /** @param sslContext used for https token URLs (see {@link TokenTls#defaultContext()}); null if none is https */
    public TokenHttpClient(EventLoopGroup group, Class<? extends SocketChannel> channelType, SslContext sslContext) {
        this(group, channelType, sslContext, null);
    }

    /** @param peerCheck looks at the server's certificates after each TLS handshake (key pinning); may be null */
    public TokenHttpClient(EventLoopGroup group, Class<? extends SocketChannel> channelType, SslContext sslContext,
                           PeerCheck peerCheck) {
        this.group = requireNonNull(group, "group");
        this.channelType = requireNonNull(channelType, "channelType");
        this.sslContext = sslContext;
        this.peerCheck = peerCheck;
    }

    /** Decides on the certificates a TLS server presented, once its handshake is done. */
    @FunctionalInterface
    public interface PeerCheck {
        /** @return null to go on, or why the connection is refused (for the error message) */
        String refuse(Certificate[] peerCertificates);
    }

    /** The parts of an answer the parser (and the redirect rules) need. */
    public record Answer(int status, String statusLine, String contentType, byte[] body, String location) {
    }

    /**
     * Posts the form and follows the token endpoint's redirects ({@link TokenRedirects}); {@code timeoutNanos}
     * bounds the whole chain.
     *
     * @param url           the token URL (http or https; query kept)
     * @param displayUrl    how messages name it ({@code Post "<displayUrl>": ...})
     * @param authorization an {@code Authorization} value, or null
     * @param form          the encoded form body
     */
    public CompletableFuture<Answer> post(URI url, String displayUrl, String authorization, String form,
                                          long timeoutNanos) {
        return post(url, displayUrl, authorization, Map.of(), form, timeoutNanos);
    }

    /** As {@link #post(URI, String, String, String, long)}, with {@code token_request_headers}. */
    public CompletableFuture<Answer> post(URI url, String displayUrl, String authorization,
                                          Map<String, String> headers, String form, long timeoutNanos) {
        return exchange(new TokenRedirects.Hop(url, HttpMethod.POST, authorization, form, headers),
                "Post \"" + displayUrl + "\": ", timeoutNanos, "token request timed out after %dms (token_timeout)");
    }

    /**
     * Gets a document (a JWK set) with the same client: one connection per request, redirects followed,
     * {@code timeoutNanos} bounding the whole chain, the body capped at 1 MiB.
     *
     * @param displayUrl how messages name it ({@code Get "<displayUrl>": ...})
     */
    public CompletableFuture<Answer> get(URI url, String displayUrl, long timeoutNanos) {
        return exchange(new TokenRedirects.Hop(url, HttpMethod.GET, null, null), "Get \"" + displayUrl + "\": ",
                timeoutNanos, "request timed out after %dms");
    }

    private CompletableFuture<Answer> exchange(TokenRedirects.Hop first, String prefix, long timeoutNanos,
                                               String timeoutText) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        EventLoop loop = group.next();
        long deadline = System.nanoTime() + timeoutNanos;
        var timeout = loop.schedule(() -> result.completeExceptionally(new TokenFetchException(Reason.TIMEOUT,
                prefix + String.format(timeoutText, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)))),
                timeoutNanos, TimeUnit.NANOSECONDS);
        result.whenComplete((answer, error) -> timeout.cancel(false));
        follow(first, 0, first.url(), prefix, loop, deadline, result);
        return result;
    }

    private void follow(TokenRedirects.Hop hop, int redirects, URI first, String prefix, EventLoop loop,
                        long deadline, CompletableFuture<Answer> result) {
        String hopPrefix = redirects == 0 ? prefix
                : prefix + "after a redirect to " + RedirectRules.shown(hop.url().toString()) + ": ";
        send(hop, hopPrefix, loop, deadline, result).whenComplete((answer, error) -> {
            if (result.isDone()) {
                return;
            }
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            TokenRedirects.Hop next;
            try {
                next = TokenRedirects.next(answer, hop, first, prefix);
            } catch (TokenFetchException e) {
                result.completeExceptionally(e);
                return;
            }
            if (next == null) {
                result.complete(answer);
            } else if (redirects == TokenRedirects.MAX) {
                result.completeExceptionally(new TokenFetchException(Reason.BAD_RESPONSE,
                        prefix + "stopped after " + TokenRedirects.MAX + " redirects"));
            } else {
                follow(next, redirects + 1, first, prefix, loop, deadline, result);
            }
        });
    }

    /** One request on its own connection; the connection closes when it is answered or the chain is over. */
    private CompletableFuture<Answer> send(TokenRedirects.Hop hop, String prefix, EventLoop loop, long deadline,
                                           CompletableFuture<Answer> chain) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        chain.whenComplete((a, e) -> answer.cancel(false));
        URI url = hop.url();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        if (https && sslContext == null) {
            answer.completeExceptionally(new TokenFetchException(Reason.CONNECT, prefix + "no TLS context configured"));
            return answer;
        }
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                        remainingMillis)))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (https) {
                            SslHandler tls = sslContext.newHandler(ch.alloc(), host, port);
                            if (peerCheck != null) {
                                tls.handshakeFuture().addListener(done -> checkPeer(tls, ch, answer, prefix));
                            }
                            ch.pipeline().addLast(tls);
                        }
                        ch.pipeline().addLast(new HttpClientCodec(),
                                new HttpObjectAggregator(MAX_BODY_BYTES),
                                new AnswerHandler(answer, prefix));
                    }
                });
        // Name resolution blocks in the JDK; it runs off the event loops (token fetches are rare, the JDK caches).
        GlobalEventExecutor.INSTANCE.execute(() -> {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException | SecurityException e) {
                answer.completeExceptionally(new TokenFetchException(Reason.CONNECT,
                        prefix + "cannot resolve host " + host));
                return;
            }
            if (!answer.isDone()) {
                loop.execute(() -> connect(bootstrap, address, answer, prefix, hop, https, port));
            }
        });
        return answer;
    }

    private void checkPeer(SslHandler tls, Channel ch, CompletableFuture<Answer> answer, String prefix) {
        if (!tls.handshakeFuture().isSuccess()) {
            return; // the handler reports the failure
        }
        String refused;
        try {
            refused = peerCheck.refuse(tls.engine().getSession().getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            refused = "the server presented no certificate";
        }
        if (refused != null) {
            answer.completeExceptionally(new TokenFetchException(Reason.CONNECT, prefix + refused));
            ch.close();
        }
    }

    private static void connect(Bootstrap bootstrap, InetSocketAddress address, CompletableFuture<Answer> answer,
                                String prefix, TokenRedirects.Hop hop, boolean https, int port) {
        if (answer.isDone()) {
            return; // timed out while resolving
        }
        bootstrap.connect(address).addListener((ChannelFutureListener) connected -> {
            Channel ch = connected.channel();
            answer.whenComplete((a, error) -> ch.close());
            if (!connected.isSuccess()) {
                answer.completeExceptionally(connectFailure(prefix, connected.cause()));
                return;
            }
            ch.writeAndFlush(request(hop, https, port)).addListener(written -> {
                if (!written.isSuccess()) {
                    answer.completeExceptionally(connectFailure(prefix, written.cause()));
                }
            });
        });
    }

    private static FullHttpRequest request(TokenRedirects.Hop hop, boolean https, int port) {
        URI url = hop.url();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        byte[] body = hop.form() == null ? new byte[0] : hop.form().getBytes(StandardCharsets.US_ASCII);
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, hop.method(), path,
                Unpooled.wrappedBuffer(body));
        boolean defaultPort = port == (https ? 443 : 80);
        // Extra headers first: the ones below are the client's own and win (the config refuses such names anyway).
        hop.headers().forEach(req.headers()::set);
        req.headers()
                .set(HttpHeaderNames.HOST, defaultPort ? url.getHost() : url.getHost() + ":" + port)
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.USER_AGENT, USER_AGENT)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (hop.form() != null) {
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, FORM).set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        if (hop.authorization() != null) {
            req.headers().set(HttpHeaderNames.AUTHORIZATION, hop.authorization());
        }
        return req;
    }

    static TokenFetchException connectFailure(String prefix, Throwable cause) {
        String what = cause == null || cause.getMessage() == null
                ? cause == null ? "connection failed" : cause.getClass().getSimpleName()
                : cause.getMessage();
        return new TokenFetchException(Reason.CONNECT, prefix + what);
    }

    /** Completes the future with the aggregated answer, or with why none came. */
    private static final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<Answer> result;
        private final String prefix;

        AnswerHandler(CompletableFuture<Answer> result, String prefix) {
            this.result = result;
            this.prefix = prefix;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
            result.complete(new Answer(res.status().code(), res.status().toString(),
                    res.headers().get(HttpHeaderNames.CONTENT_TYPE), ByteBufUtil.getBytes(res.content()),
                    res.headers().get(HttpHeaderNames.LOCATION)));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                result.completeExceptionally(new TokenFetchException(Reason.BAD_RESPONSE,
                        prefix + "token response larger than " + MAX_BODY_BYTES + " bytes"));
            } else {
                result.completeExceptionally(connectFailure(prefix, cause));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new TokenFetchException(Reason.CONNECT,
                    prefix + "connection closed before a complete response"));
        }
    }
}
