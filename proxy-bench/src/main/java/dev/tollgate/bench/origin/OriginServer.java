package dev.tollgate.bench.origin;

import dev.tollgate.bench.support.Args;
import dev.tollgate.bench.support.Listening;
import dev.tollgate.bench.support.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The origin the load harness measures against, run as its own JVM: answers every request with the same
 * pre-encoded 200 response of a fixed payload size, HTTP/1.1 keep-alive, so that what differs between "direct" and
 * "through the proxy" is only the proxy. {@code GET /__stats} returns how many requests arrived and how many carried
 * a bearer {@code Authorization} header, which lets the harness check that the proxy really stamped every request.
 *
 * <pre>java -cp benchmarks.jar dev.tollgate.bench.origin.OriginServer [--port 0] [--payload 1024] [--threads 1]
 *     [--sizes 1024,65536]</pre> ({@code --sizes}: also served on {@code /payload/<size>})
 */
public final class OriginServer {
    private OriginServer() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("port", "payload", "threads", "sizes"), Set.of());
        int port = args.integer("port", 0);
        int payload = args.integer("payload", 1024);
        int threads = args.integer("threads", 1);
        if (payload < 0) {
            throw new IllegalArgumentException("--payload: " + payload + " (expected: >= 0)");
        }
        List<Integer> sizes = new ArrayList<>();
        for (String size : args.string("sizes", "").split(",")) {
            if (!size.isBlank()) {
                sizes.add(Integer.parseInt(size.trim()));
            }
        }
        OriginResponses responses = new OriginResponses(payload, sizes);
        OriginStats stats = new OriginStats();
        EventLoopGroup group = Transport.newGroup(threads);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(Transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpRequestDecoder(), new OriginHandler(responses, stats));
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            Listening.announce("origin payload=" + payload + " transport=" + Transport.name(), server);
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
