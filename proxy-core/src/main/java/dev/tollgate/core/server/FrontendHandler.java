package dev.tollgate.core.server;

import dev.tollgate.core.cors.CorsPolicy;
import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.exchange.Responses;
import dev.tollgate.core.log.Log;
import dev.tollgate.core.routing.RouteMatch;
import dev.tollgate.core.routing.Router;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of a client connection: routes each request to its handler and drives the exchange, one at a
 * time. It owns the connection's reading: it reads while idle, while the exchange wants request body, and while
 * discarding the rest of a request already answered; otherwise {@code autoRead} is off, so a slow backend or a
 * pending gate pauses the client instead of buffering. Pipelined requests that were already decoded wait in a
 * small queue until the current response is done.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter implements ClientConnection {
    private static final Log LOG = Log.get("server");
    private static final String[] NO_PARAMS = new String[0];
    /** Rest of an already answered request body we read and drop before closing instead (Go's server: 256 KiB). */
    private static final int MAX_DISCARD = 256 * 1024;
    /**
     * How long the rest of an already answered request body may take to arrive. Go's server waits for it as long as
     * its read timeout allows; a slow upload after a 504 would hold the connection for nothing, so it closes.
     */
    static final long DISCARD_TIMEOUT_MILLIS = 5_000;

    private final Router<RequestHandler> router;
    private final ReservedRoutes reserved;
    private final ConnectionTracker tracker;
    /** Null when {@code router.disable_redirect_trailing_slash} turned it off. */
    private final TrailingSlashRedirect trailingSlash;
    private final NotRoutedResponses notRouted;
    /** Null without {@code security/cors}; else preflights may be answered here, in request order. */
    private final CorsPolicy cors;
    /** Null when neither metrics nor the access log are on. */
    private final RequestObserver observer;

    private ChannelHandlerContext ctx;
    private String clientIp = "";
    private ClientExchange exchange;
    /** The current request's body has been read to its end (true between requests). */
    private boolean requestComplete = true;
    /**
     * The current request asked to close the connection (Connection: close, or HTTP/1.0 without keep-alive):
     * once it is complete, whatever the client pipelined after it is dropped unread (RFC 9112 section 9.6), so a
     * POST the client will retry never runs twice.
     */
    private boolean lastRequest;
    /** The current request's body was malformed: once its exchange has answered, the connection closes. */
    private boolean requestBroken;
    private ArrayDeque<Object> pipelined;
    private boolean draining;
    private boolean closing;
    private long discarded;
    /** Closes the connection if an answered request's body is still not in by then; null when not discarding. */
    private ScheduledFuture<?> discardDeadline;

    FrontendHandler(Router<RequestHandler> router, ReservedRoutes reserved, ConnectionTracker tracker,
                    TrailingSlashRedirect trailingSlash, NotRoutedResponses notRouted, CorsPolicy cors) {
        this(router, reserved, tracker, trailingSlash, notRouted, cors, null);
    }

    FrontendHandler(Router<RequestHandler> router, ReservedRoutes reserved, ConnectionTracker tracker,
                    TrailingSlashRedirect trailingSlash, NotRoutedResponses notRouted, CorsPolicy cors,
                    RequestObserver observer) {
        this.observer = observer;
        this.cors = cors;
        this.router = router;
        this.reserved = reserved;
        this.tracker = tracker;
        this.trailingSlash = trailingSlash;
        this.notRouted = notRouted;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            clientIp = inet.getAddress().getHostAddress();
        }
        tracker.add(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing || afterLastRequest()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if ((pipelined != null && !pipelined.isEmpty()) || (exchange != null && requestComplete)) {
            if (pipelined == null) {
                pipelined = new ArrayDeque<>(4);
            }
            pipelined.add(msg);
            updateReading();
            return;
        }
        handle(msg);
    }

    private boolean afterLastRequest() {
        return lastRequest && requestComplete;
    }

    private void handle(Object msg) {
        if (afterLastRequest()) {
            ReferenceCountUtil.release(msg); // pipelined behind the closing request
            return;
        }
        if (msg instanceof HttpRequest request) {
            onRequest(request);
        } else if (msg instanceof HttpContent content) {
            onContent(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            ReferenceCountUtil.release(request);
            badRequest(result.cause());
            return;
        }
        HttpResponseStatus refusal = RequestChecks.refusal(request);
        if (refusal != null) {
            ReferenceCountUtil.release(request);
            reject(refusal);
            return;
        }
        requestComplete = request instanceof LastHttpContent;
        lastRequest = !HttpUtil.isKeepAlive(request);
        discarded = 0;
        if (cors != null && cors.answersPreflights() && CorsPolicy.isPreflight(request)) {
            // KrakenD's CORS middleware answers every preflight before routing; the CORS handler adds the headers.
            ReferenceCountUtil.release(request);
            if (observer != null) {
                observer.unrouted("preflight");
            }
            respondLocally(request, Responses.preflight(HttpResponseStatus.valueOf(cors.preflightStatus())));
            return;
        }
        String uri = request.uri();
        if (!uri.startsWith("/")) {
            uri = toOriginForm(request, uri);
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        RequestHandler handler = reserved.find(path);
        String[] params = null;
        if (handler == null) {
            RouteMatch<RequestHandler> match = router.match(request.method().name(), path);
            if (!match.found()) {
                ReferenceCountUtil.release(request);
                if (observer != null) {
                    observer.unrouted(match.outcome() == RouteMatch.Outcome.NOT_FOUND ? "NoRoute" : "NoMethod");
                }
                FullHttpResponse response = trailingSlash == null ? null
                        : trailingSlash.redirect(request.method(), path, uri);
                if (response == null) {
                    response = match.outcome() == RouteMatch.Outcome.NOT_FOUND ? notRouted.notFound()
                            : notRouted.methodNotAllowed(match.allow());
                }
                respondLocally(request, response);
                return;
            }
            handler = match.target();
            params = match.params();
        }
        if (observer != null) {
            observer.routed(handler);
        }
        ClientExchange x = handler.newExchange(this, request, params == null ? NO_PARAMS : params);
        exchange = x;
        x.start();
        updateReading();
    }

    /**
     * RFC 9112 section 3.2.2: a server must accept the absolute form ({@code GET http://host/path HTTP/1.1}), and
     * its authority replaces {@code Host}. Routing, filters and the backend request then see the origin form, as
     * behind Go's server. Anything else ({@code *}, garbage) is left alone and finds no route.
     */
    private static String toOriginForm(HttpRequest request, String uri) {
        int authority = uri.regionMatches(true, 0, "http://", 0, 7) ? 7
                : uri.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
        if (authority < 0) {
            return uri;
        }
        int end = authority;
        while (end < uri.length() && uri.charAt(end) != '/' && uri.charAt(end) != '?') {
            end++;
        }
        String rest = end == uri.length() ? "/"
                : uri.charAt(end) == '?' ? "/" + uri.substring(end) : uri.substring(end);
        if (end > authority) {
            request.headers().set(HttpHeaderNames.HOST, uri.substring(authority, end));
        }
        request.setUri(rest);
        return rest;
    }

    /** Answers without an exchange; the rest of the request body, if any, is discarded. */
    private void respondLocally(HttpRequest request, FullHttpResponse response) {
        if (draining || !HttpUtil.isKeepAlive(request)) {
            HttpUtil.setKeepAlive(response, false);
        }
        ctx.writeAndFlush(response, ctx.voidPromise());
        startDiscarding();
        updateReading();
    }

    /** The answer is out before the request's end: read and drop the rest, but only for so long. */
    private void startDiscarding() {
        if (!requestComplete && discardDeadline == null) {
            discardDeadline = ctx.executor().schedule(this::onDiscardDeadline, DISCARD_TIMEOUT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void onDiscardDeadline() {
        discardDeadline = null;
        if (exchange == null && !requestComplete) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("closing " + clientIp + ": the rest of an answered request body took over "
                        + DISCARD_TIMEOUT_MILLIS + "ms");
            }
            close();
        }
    }

    private void stopDiscarding() {
        if (discardDeadline != null) {
            discardDeadline.cancel(false);
            discardDeadline = null;
        }
    }

    private void onContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            if (exchange != null) {
                // A broken chunk: the exchange answers 400 if it still can, then the connection closes.
                ClientExchange x = exchange;
                requestBroken = true;
                x.onRequestBroken();
                if (exchange == x) {
                    exchange = null;
                    close();
                }
            } else {
                badRequest(content.decoderResult().cause());
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            requestComplete = true;
        }
        if (exchange != null) {
            exchange.onContent(content);
        } else {
            discarded += content.content().readableBytes();
            content.release();
            if (discarded > MAX_DISCARD && !last) {
                close();
                return;
            }
        }
        if (last && exchange == null) {
            stopDiscarding();
            nextRequest();
        }
    }

    private void badRequest(Throwable cause) {
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        reject(status);
    }

    /** Answers with an empty error and closes: the rest of the connection's bytes cannot be trusted. */
    private void reject(HttpResponseStatus status) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("rejecting a request from " + clientIp + ": " + status);
        }
        FullHttpResponse response = Responses.empty(status);
        HttpUtil.setKeepAlive(response, false);
        closing = true;
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onClientReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (exchange != null) {
            exchange.onClientWritabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        stopDiscarding();
        ClientExchange x = exchange;
        exchange = null;
        if (x != null) {
            x.onClientClosed();
        }
        if (pipelined != null) {
            pipelined.forEach(ReferenceCountUtil::release);
            pipelined.clear();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ReadHeaderTimeout.EXPIRED) {
            onReadHeaderTimeout();
            return;
        }
        if (evt instanceof IdleStateEvent) {
            if (exchange == null && requestComplete) {
                close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /** The next request's header section took too long: 408 unless a response is on its way (then just close). */
    private void onReadHeaderTimeout() {
        if (closing) {
            return;
        }
        if (exchange == null && (pipelined == null || pipelined.isEmpty())) {
            reject(HttpResponseStatus.REQUEST_TIMEOUT);
        } else {
            close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are routine for a proxy; the exchange (if any) logs its own failure.
        if (LOG.isDebugEnabled()) {
            LOG.debug("client connection " + clientIp + " failed: " + cause);
        }
        // Never write from here: a failed void-promise write lands here synchronously, inside the HTTP encoder's
        // write, and a second write re-entered the encoder and released its buffer twice. channelInactive follows
        // and tells the exchange.
        closing = true;
        ctx.close();
    }

    // ClientConnection

    @Override
    public ChannelHandlerContext ctx() {
        return ctx;
    }

    @Override
    public Channel channel() {
        return ctx.channel();
    }

    @Override
    public String clientIp() {
        return clientIp;
    }

    @Override
    public boolean draining() {
        return draining || requestBroken;
    }

    @Override
    public void exchangeDone(ClientExchange x, boolean close) {
        if (x != exchange) {
            return;
        }
        exchange = null;
        if (close || requestBroken || (draining && requestComplete)) {
            close();
            return;
        }
        if (requestComplete) {
            nextRequest();
        } else {
            startDiscarding();
            updateReading();
        }
    }

    @Override
    public void readingChanged() {
        updateReading();
    }

    /** Continues with pipelined requests, if any, once the previous exchange and its request are both done. */
    private void nextRequest() {
        if (draining) {
            close();
            return;
        }
        while (pipelined != null && !pipelined.isEmpty() && !closing && !(exchange != null && requestComplete)) {
            handle(pipelined.poll());
        }
        updateReading();
    }

    private void updateReading() {
        if (closing) {
            return;
        }
        boolean read;
        if (exchange == null) {
            read = pipelined == null || pipelined.isEmpty();
        } else {
            read = !requestComplete && exchange.wantsContent();
        }
        Channel ch = ctx.channel();
        if (ch.config().isAutoRead() != read) {
            ch.config().setAutoRead(read);
        }
    }

    /** Graceful shutdown: close now when idle, else after the current response. */
    void drain() {
        draining = true;
        if (exchange == null && requestComplete && (pipelined == null || pipelined.isEmpty())) {
            close();
        }
    }

    /** Closes once what was already written is flushed; a channel that is no longer active gets no write. */
    private void close() {
        if (!closing) {
            closing = true;
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
    }

    /** For tests and shutdown accounting. */
    boolean busy() {
        return exchange != null;
    }

}
