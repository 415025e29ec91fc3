package dev.tollgate.core.log;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local syslog daemon, written to as Go's {@code log/syslog} writes to it for krakend-gologging: the socket is
 * found as {@code unixSyslog()} finds it (a datagram socket at {@code /dev/log}, {@code /var/run/syslog},
 * {@code /var/run/log}, then a stream socket at the same paths), and each line is sent in Go's local form,
 * {@code <PRI>Jan _2 15:04:05 TAG[PID]: LEVEL > message\n}, where {@code LEVEL > message} is gologging's syslog
 * pattern {@code %{level} > %{message}} and PRI is facility * 8 + the line's severity.
 *
 * <p>{@link #send} is called on the log writer's thread and never blocks: it hands the bytes to this sink's own
 * event loop (one daemon thread, never one of the proxy's). A syslog that stops reading fills the channel's write
 * buffer; then {@link #send} says no and the writer puts the line on its stream instead, so a stalled syslog can
 * neither stall the proxy nor lose lines silently. A send that fails later (the daemon went away) is counted for
 * {@link #takeLost}; the next line reconnects, at most once a second, as Go's writer reconnects after an error.
 */
final class SyslogSink {
    /** Go's {@code unixSyslog()} paths, in its order. */
    static final List<String> PATHS = List.of("/dev/log", "/var/run/syslog", "/var/run/log");
    private static final GoTimeLayout STAMP = GoTimeLayout.compile("Jan _2 15:04:05"); // Go's time.Stamp
    private static final long PID = ProcessHandle.current().pid();
    private static final long RECONNECT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Thrown when no syslog socket can be opened; the message says why. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private final EventLoopGroup group;
    private final List<String> paths;
    private final int facility;
    private final String tag;
    private final ZoneId zone;
    private final AtomicLong lost = new AtomicLong();
    private volatile String lastFailure;
    private volatile Channel channel;
    private long nextConnect;

    private SyslogSink(EventLoopGroup group, List<String> paths, int facility, String tag, ZoneId zone,
                       Channel channel) {
        this.group = group;
        this.paths = paths;
        this.facility = facility;
        this.tag = tag;
        this.zone = zone;
        this.channel = channel;
    }

    /**
     * Connects to the first syslog socket of {@code paths} (package private so tests can name their own socket).
     *
     * @param facility 0..23 (local0 is 16)
     * @param tag      what Go's writer calls the tag: the log prefix, or {@code tollgate} when there is none
     * @param zone     the zone of the syslog timestamp (Go's: local time)
     */
    static SyslogSink open(List<String> paths, int facility, String tag, ZoneId zone) throws Unavailable {
        requireNonNull(paths, "paths");
        requireNonNull(zone, "zone");
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("facility: " + facility + " (expected: 0..23)");
        }
        if (!Epoll.isAvailable()) {
            Throwable why = Epoll.unavailabilityCause();
            throw new Unavailable("unix domain sockets need Netty's epoll transport, which is not available here"
                    + (why == null || why.getMessage() == null ? "" : " (" + why.getMessage() + ")"));
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tollgate-syslog", true),
                EpollIoHandler.newFactory());
        Channel channel = connect(group, paths);
        if (channel == null) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new Unavailable("no syslog socket at " + String.join(", ", paths));
        }
        return new SyslogSink(group, List.copyOf(paths), facility, tag == null || tag.isEmpty() ? "tollgate" : tag,
                zone, channel);
    }

    /** Go's order: every path as a datagram socket, then every path as a stream socket. */
    private static Channel connect(EventLoopGroup group, List<String> paths) {
        for (boolean datagram : new boolean[] {true, false}) {
            for (String path : paths) {
                ChannelFuture f = new Bootstrap().group(group)
                        .channel(datagram ? EpollDomainDatagramChannel.class : EpollDomainSocketChannel.class)
                        .handler(Discard.INSTANCE)
                        .connect(new DomainSocketAddress(path));
                // A unix socket connects at once or fails at once; the bound only guards a wedged loop.
                if (f.awaitUninterruptibly(1, TimeUnit.SECONDS) && f.isSuccess()) {
                    return f.channel();
                }
                f.channel().close();
            }
        }
        return null;
    }

    /** The socket this sink writes to (for the startup line). */
    String address() {
        Channel c = channel;
        return c == null ? "none" : c.remoteAddress() + (c instanceof EpollDomainDatagramChannel ? " (datagram)"
                : " (stream)");
    }

    /**
     * Hands one line to syslog; false when it cannot take it now (not connected, or not reading fast enough), and
     * then the caller writes the line elsewhere. Called by one thread at a time (the log writer's consumer).
     *
     * @param wait wait (briefly) until the line is sent: the JVM is exiting and may not run the loop again
     */
    boolean send(long epochMillis, Log.Level level, String message, boolean wait) {
        Channel c = channel;
        if (c == null || !c.isActive()) {
            c = reconnect();
            if (c == null) {
                return false;
            }
        }
        if (!c.isWritable()) {
            return false;
        }
        StringBuilder b = new StringBuilder(message.length() + 64);
        b.append('<').append(facility * 8 + severity(level)).append('>');
        STAMP.appendTo(b, Instant.ofEpochMilli(epochMillis).atZone(zone));
        b.append(' ').append(tag).append('[').append(PID).append("]: ").append(level.name()).append(" > ")
                .append(message);
        if (b.charAt(b.length() - 1) != '\n') {
            b.append('\n'); // Go's log.Logger ends the line; log/syslog then adds none
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = c.alloc().directBuffer(bytes.length).writeBytes(bytes);
        Channel sentOn = c;
        ChannelFuture f = c.writeAndFlush(buf).addListener(done -> {
            if (!done.isSuccess()) {
                lost.incrementAndGet();
                lastFailure = done.cause() == null ? "closed" : String.valueOf(done.cause().getMessage());
                sentOn.close();
            }
        });
        if (wait) {
            f.awaitUninterruptibly(100, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** Lines handed over whose send then failed, since the last call; with {@link #lastFailure()}, for a warning. */
    long takeLost() {
        long n = lost.get();
        if (n > 0) {
            lost.addAndGet(-n);
        }
        return n;
    }

    String lastFailure() {
        return lastFailure;
    }

    private Channel reconnect() {
        long now = System.nanoTime();
        if (now - nextConnect < 0) {
            return null;
        }
        nextConnect = now + RECONNECT_NANOS;
        Channel old = channel;
        if (old != null) {
            old.close();
        }
        Channel c = connect(group, paths);
        channel = c;
        return c;
    }

    /** Go's severities (log/syslog): LOG_DEBUG 7, LOG_INFO 6, LOG_WARNING 4, LOG_ERR 3. */
    static int severity(Log.Level level) {
        return switch (level) {
            case DEBUG -> 7;
            case INFO -> 6;
            case WARNING -> 4;
            case ERROR -> 3;
        };
    }

    void close() {
        Channel c = channel;
        if (c != null) {
            c.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** The daemon never answers; anything it sends (or an error on the socket) is dropped here. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        static final Discard INSTANCE = new Discard();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the next line reconnects
        }
    }
}
