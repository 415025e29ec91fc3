package dev.tollgate.core.server;

import dev.tollgate.core.config.RouterOptions;
import dev.tollgate.core.config.ServerOptions;
import dev.tollgate.core.cors.CorsHandler;
import dev.tollgate.core.cors.CorsPolicy;
import dev.tollgate.core.exchange.RequestHandler;
import dev.tollgate.core.http.IdleTimer;
import dev.tollgate.core.routing.Router;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * Builds a client connection's pipeline: {@code [header-timer] -> codec -> [header-heads] -> keep-alive ->
 * 100-continue -> idle -> frontend} (the header timer only when {@code read_header_timeout} is not 0). No
 * aggregation: bodies stream through the frontend to the backend chunk by chunk.
 */
public final class ClientChannelInitializer extends ChannelInitializer<Channel> {
    static final int MAX_CHUNK = 64 * 1024;

    private final ServerOptions options;
    private final Router<RequestHandler> router;
    private final ReservedRoutes reserved;
    private final ConnectionTracker tracker;
    private final HttpDecoderConfig decoderConfig;
    private final long readHeaderTimeoutNanos;
    private final TrailingSlashRedirect trailingSlash;
    private final NotRoutedResponses notRouted;
    /** Null when the config has no {@code security/cors}. */
    private final CorsPolicy cors;
    /** Null for plain HTTP. */
    private final ServerTls tls;
    /** Null when neither metrics nor the access log are on. */
    private final Observation observation;

    public ClientChannelInitializer(ServerOptions options, RouterOptions routerOptions, Router<RequestHandler> router,
                             ReservedRoutes reserved, ConnectionTracker tracker) {
        this(options, routerOptions, router, reserved, tracker, null, null);
    }

    public ClientChannelInitializer(ServerOptions options, RouterOptions routerOptions, Router<RequestHandler> router,
                             ReservedRoutes reserved, ConnectionTracker tracker, CorsPolicy cors, ServerTls tls) {
        this(options, routerOptions, router, reserved, tracker, cors, tls, null);
    }

    /** @param observation metrics and access log; null for neither */
    public ClientChannelInitializer(ServerOptions options, RouterOptions routerOptions, Router<RequestHandler> router,
                             ReservedRoutes reserved, ConnectionTracker tracker, CorsPolicy cors, ServerTls tls,
                             Observation observation) {
        this.observation = observation == null || observation.idle() ? null : observation;
        this.cors = cors;
        this.tls = tls;
        this.options = options;
        this.router = router;
        this.reserved = reserved;
        this.tracker = tracker;
        this.decoderConfig = new HttpDecoderConfig()
                .setMaxInitialLineLength(options.maxRequestLineBytes())
                .setMaxHeaderSize(options.maxHeaderBytes())
                .setMaxChunkSize(MAX_CHUNK);
        this.readHeaderTimeoutNanos = options.readHeaderTimeout().toNanos();
        this.trailingSlash = routerOptions.redirectTrailingSlash() ? new TrailingSlashRedirect(router) : null;
        this.notRouted = new NotRoutedResponses(routerOptions);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast("tls", tls.newHandler(ch.alloc())); // first: everything after it sees plain HTTP
        }
        ReadHeaderTimeout headerTimeout = readHeaderTimeoutNanos > 0 ? new ReadHeaderTimeout(readHeaderTimeoutNanos)
                : null;
        if (headerTimeout != null) {
            p.addLast("header-timer", headerTimeout.bytes());
        }
        p.addLast("codec", new HttpServerCodec(decoderConfig.clone()));
        if (headerTimeout != null) {
            p.addLast("header-heads", headerTimeout.heads());
        }
        RequestObserver observer = observation == null ? null : new RequestObserver(observation);
        if (observer != null) {
            p.addLast("observe", observer); // next to the codec: sees every answer, whoever writes it
        }
        p.addLast("keep-alive", new HttpServerKeepAliveHandler());
        p.addLast("continue", new HttpServerExpectContinueHandler());
        if (cors != null) {
            p.addLast("cors", new CorsHandler(cors));
        }
        p.addLast("idle", new IdleTimer(options.idleTimeout().toMillis()));
        p.addLast("frontend", new FrontendHandler(router, reserved, tracker, trailingSlash, notRouted, cors,
                observer));
    }
}
