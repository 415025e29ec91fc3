package dev.tollgate.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Idle keep-alive client connections to one proxy: each is opened, sends the target's request once, reads the
 * answer and then sits idle, as a browser's or a service client's pooled connection does between requests (a
 * connection that never sent a request would be closed by the proxy's request-header timeout instead). Opened in
 * batches so the proxy's accept backlog never overflows. {@link #close} closes them all.
 */
final class IdleConnections implements AutoCloseable {
    private static final int BATCH = 256;
    /** TLS handshakes cost both sides CPU: fewer at once, so none runs into a handshake timeout. */
    private static final int TLS_BATCH = 64;

    private final List<Channel> channels = new ArrayList<>();

    private IdleConnections() {
    }

    /** Opens {@code count} connections and waits until each has been answered (or failed), at most a minute a batch. */
    static IdleConnections open(Bootstrap base, SslContext tls, RequestTemplate template, int count)
            throws InterruptedException {
        IdleConnections idle = new IdleConnections();
        int size = template.tls() ? TLS_BATCH : BATCH;
        for (int from = 0; from < count; from += size) {
            int batch = Math.min(size, count - from);
            CountDownLatch answered = new CountDownLatch(batch);
            List<ChannelFuture> connects = new ArrayList<>(batch);
            Bootstrap bootstrap = base.clone().handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    if (template.tls()) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc(), template.address().getHostString(),
                                template.address().getPort()));
                    }
                    ch.pipeline().addLast(new HttpResponseDecoder(), new OneAnswer(answered, template));
                }
            });
            for (int i = 0; i < batch; i++) {
                ChannelFuture connect = bootstrap.connect(template.address());
                connect.addListener(f -> {
                    if (!f.isSuccess()) {
                        answered.countDown();
                    }
                });
                connects.add(connect);
            }
            answered.await(1, TimeUnit.MINUTES);
            for (ChannelFuture connect : connects) {
                if (connect.isSuccess()) {
                    idle.channels.add(connect.channel());
                }
            }
        }
        return idle;
    }

    /** Connections still open (the proxy may have closed some). */
    int open() {
        return (int) channels.stream().filter(Channel::isActive).count();
    }

    @Override
    public void close() {
        List<ChannelFuture> closes = new ArrayList<>(channels.size());
        for (Channel channel : channels) {
            closes.add(channel.close());
        }
        for (ChannelFuture close : closes) {
            close.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        channels.clear();
    }

    /** Sends the request once the connection is up, counts the complete answer, then ignores the connection. */
    private static final class OneAnswer extends ChannelInboundHandlerAdapter {
        private final CountDownLatch answered;
        private final RequestTemplate template;
        private boolean counted;

        OneAnswer(CountDownLatch answered, RequestTemplate template) {
            this.answered = answered;
            this.template = template;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(template.newRequest(), ctx.voidPromise()); // the SslHandler holds it until handshaken
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof LastHttpContent) {
                    count();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            count(); // closed before (or after) its answer: the batch must not wait for it
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private void count() {
            if (!counted) {
                counted = true;
                answered.countDown();
            }
        }
    }
}
