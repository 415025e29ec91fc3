package dev.tollgate.core.server;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;

/**
 * The open client connections, so that shutdown can drain them as Zuul's {@code ClientConnectionsShutdown} does:
 * idle ones close at once, busy ones after their current response, stragglers when the grace period ends.
 */
public final class ConnectionTracker {
    private final ChannelGroup channels = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);

    void add(Channel channel) {
        channels.add(channel); // removed automatically when it closes
    }

    public int size() {
        return channels.size();
    }

    /**
     * Asks every connection to finish its current exchange and close, then waits up to {@code grace} for them;
     * closes whatever is left.
     *
     * @return the number of connections that had to be closed forcibly
     */
    public int drain(Duration grace) throws InterruptedException {
        for (Channel ch : channels) {
            ch.eventLoop().execute(() -> {
                FrontendHandler frontend = ch.pipeline().get(FrontendHandler.class);
                if (frontend != null) {
                    frontend.drain();
                } else {
                    ch.close();
                }
            });
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (!channels.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int left = channels.size();
        channels.close().awaitUninterruptibly(2_000);
        return left;
    }
}
