package dev.tollgate.core.backend;

import dev.tollgate.core.exchange.ClientConnection;
import dev.tollgate.core.exchange.ClientExchange;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * What FrontendHandler is to an exchange, written down over an EmbeddedChannel: it records how each exchange ended
 * ({@code "next"} or {@code "close"}) and runs {@link #next} inside {@code exchangeDone}, as a pipelined request
 * would start there.
 */
final class EmbeddedClientConnection implements ClientConnection {
    final List<String> done = new ArrayList<>();
    /** Runs once, inside the next exchangeDone; null for nothing. */
    Runnable next;
    private final EmbeddedChannel client;

    EmbeddedClientConnection(EmbeddedChannel client) {
        this.client = client;
    }

    @Override
    public ChannelHandlerContext ctx() {
        return client.pipeline().firstContext();
    }

    @Override
    public Channel channel() {
        return client;
    }

    @Override
    public String clientIp() {
        return "10.0.0.1";
    }

    @Override
    public boolean draining() {
        return false;
    }

    @Override
    public void exchangeDone(ClientExchange exchange, boolean close) {
        done.add(close ? "close" : "next");
        Runnable r = next;
        next = null;
        if (r != null) {
            r.run();
        }
    }

    @Override
    public void readingChanged() {
    }
}
