package dev.tollgate.core.backend;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;

/**
 * Idle keep-alive connections of one backend on one event loop, per host. Confined to its loop, so plain
 * {@code ArrayDeque}s and no locks (as Armeria's {@code HttpChannelPool}). The most recently used connection is
 * reused first: it is the least likely to have been closed by the peer's idle timeout.
 */
final class BackendPool {
    private final EventLoop loop;
    private final Bootstrap[] bootstraps;
    private final ArrayDeque<Channel>[] idle;
    private int nextHost;
    private boolean closed;
    /**
     * How many connections sit idle, for the metrics endpoint on another thread. Written only on this loop, with
     * release stores: no fence on the request path, and a reader sees a recent count.
     */
    private final java.util.concurrent.atomic.AtomicInteger idleGauge = new java.util.concurrent.atomic.AtomicInteger();

    @SuppressWarnings("unchecked")
    BackendPool(EventLoop loop, Bootstrap[] bootstraps) {
        this.loop = loop;
        this.bootstraps = bootstraps;
        this.idle = new ArrayDeque[bootstraps.length];
        for (int i = 0; i < idle.length; i++) {
            idle[i] = new ArrayDeque<>();
        }
    }

    /** Round-robin over the backend's hosts. */
    int nextHost() {
        int h = nextHost;
        nextHost = h + 1 == bootstraps.length ? 0 : h + 1;
        return h;
    }

    /** An idle connection to {@code host} that is still open, or null. */
    Channel pollIdle(int host) {
        assert loop.inEventLoop();
        ArrayDeque<Channel> deque = idle[host];
        Channel ch;
        while ((ch = deque.pollFirst()) != null) {
            idleGauge.lazySet(idleGauge.get() - 1);
            if (ch.isActive()) {
                return ch;
            }
            ch.close();
        }
        return null;
    }

    /** Opens a new connection to {@code host} on this loop; its pipeline is built by the backend initializer. */
    ChannelFuture connect(int host) {
        return bootstraps[host].connect();
    }

    /** Returns a connection whose exchange completed cleanly; anything else must be closed by the caller. */
    void release(Channel ch, int host) {
        assert loop.inEventLoop();
        if (closed || !ch.isActive()) {
            ch.close();
            return;
        }
        idle[host].addFirst(ch);
        idleGauge.lazySet(idleGauge.get() + 1);
    }

    /** Forgets a connection that closed (or idled out) while it sat in the pool. */
    void remove(Channel ch, int host) {
        if (idle[host].remove(ch)) {
            idleGauge.lazySet(idleGauge.get() - 1);
        }
    }

    /** Idle connections now, from any thread (a recent value, for metrics). */
    int idleGauge() {
        return idleGauge.get();
    }

    int idleCount() {
        int n = 0;
        for (ArrayDeque<Channel> d : idle) {
            n += d.size();
        }
        return n;
    }

    /** Shutdown: closes idle connections and every connection released from now on. */
    void close() {
        assert loop.inEventLoop();
        closed = true;
        for (ArrayDeque<Channel> d : idle) {
            Channel ch;
            while ((ch = d.pollFirst()) != null) {
                ch.close();
            }
        }
        idleGauge.lazySet(0);
    }
}
