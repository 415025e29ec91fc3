package dev.tollgate.bench.idp;

import dev.tollgate.bench.support.Args;
import dev.tollgate.bench.support.Listening;
import dev.tollgate.bench.support.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.Set;

/**
 * A minimal OAuth2 token endpoint (client-credentials grant only) for the load harness, run as its own JVM. It hands
 * out tokens with a deliberately short {@code expires_in} so the proxy must refresh during a run, and counts every
 * token request so the harness can tell how many fetches the proxy made per token lifetime.
 *
 * <ul>
 *   <li>{@code POST /token}: client authentication by HTTP Basic or by {@code client_id}/{@code client_secret} form
 *       fields; answers {@code {"access_token":"...","token_type":"bearer","expires_in":N}}, or 401
 *       {@code invalid_client}, or 400 {@code unsupported_grant_type}.</li>
 *   <li>{@code GET /stats}: {@code {"token_requests":N,"issued":N,"rejected":N,"first_epoch_ms":T,
 *       "last_epoch_ms":T,"expires_in":N,"per_client":{"bench":N,...}}}.</li>
 * </ul>
 *
 * <pre>java -cp benchmarks.jar dev.tollgate.bench.idp.TokenEndpoint [--port 0] [--expires-in 15]
 *     [--client-id bench] [--client-secret dummy-bench-secret] [--credential-sets N]</pre>
 * ({@code --credential-sets N}: client ids {@code bench-set-1} ... {@code bench-set-N} are accepted too)
 */
public final class TokenEndpoint {
    private TokenEndpoint() {
    }

    public static void main(String[] argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("port", "expires-in", "client-id", "client-secret", "credential-sets"), Set.of());
        int port = args.integer("port", 0);
        int expiresIn = args.integer("expires-in", 15);
        TokenIssuer issuer = new TokenIssuer(args.string("client-id", "bench"), args.integer("credential-sets", 0),
                args.string("client-secret", "dummy-bench-secret"), expiresIn);
        EventLoopGroup group = Transport.newGroup(1);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(Transport.serverChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new TokenHandler(issuer));
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            Listening.announce("token-endpoint expires_in=" + expiresIn, server);
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
