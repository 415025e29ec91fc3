package dev.tollgate.core.backend;

import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.http.IdleTimer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Builds a backend connection's pipeline: {@code [tls] -> idle -> HttpClientCodec -> <decorators' handlers in
 * extension order> -> exchange}. The exchange handler is last so it sees responses after every decorator and its
 * requests pass every decorator (the first extension has the last word on outbound headers).
 */
final class BackendChannelInitializer extends ChannelInitializer<Channel> {
    static final String EXCHANGE = "exchange";

    private final BackendHost host;
    private final SslContext ssl;
    private final List<BackendDecorator> decorators;
    private final long idleMillis;
    private final Supplier<BackendExchangeHandler> exchangeHandlers;
    private final HttpDecoderConfig decoderConfig = new HttpDecoderConfig()
            .setMaxInitialLineLength(16 * 1024)
            .setMaxHeaderSize(64 * 1024)
            .setMaxChunkSize(64 * 1024);

    private final java.util.concurrent.atomic.LongAdder open;

    BackendChannelInitializer(BackendHost host, SslContext ssl, List<BackendDecorator> decorators, long idleMillis,
                              java.util.concurrent.atomic.LongAdder open,
                              Supplier<BackendExchangeHandler> exchangeHandlers) {
        this.open = open;
        this.host = host;
        this.ssl = ssl;
        this.decorators = decorators;
        this.idleMillis = idleMillis;
        this.exchangeHandlers = exchangeHandlers;
    }

    @Override
    protected void initChannel(Channel ch) {
        open.increment();
        ch.closeFuture().addListener(f -> open.decrement());
        ChannelPipeline p = ch.pipeline();
        if (host.tls()) {
            SslHandler tls = ssl.newHandler(ch.alloc(), host.host(), host.port());
            SSLEngine engine = tls.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
            p.addLast("tls", tls);
        }
        p.addLast("idle", new IdleTimer(idleMillis));
        p.addLast("codec", new HttpClientCodec(decoderConfig.clone(), false, false));
        for (BackendDecorator decorator : decorators) {
            decorator.initChannel(p);
        }
        p.addLast(EXCHANGE, exchangeHandlers.get());
    }
}
