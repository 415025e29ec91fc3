package dev.tollgate.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syslog writer against a syslog daemon of the test's own: a unix datagram socket bound in a temp directory,
 * which records every datagram it receives.
 */
class SyslogSinkTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private EventLoopGroup group;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream streamBytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(streamBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void needsEpoll() {
        assumeTrue(Epoll.isAvailable(), "skipped: unix domain datagram sockets need Netty's epoll transport, not "
                + "available here: " + Epoll.unavailabilityCause());
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    @AfterEach
    void stop() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The test's syslog daemon. */
    private Channel daemon(String path) {
        return new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket p) {
                        received.add(p.content().toString(StandardCharsets.UTF_8));
                    }
                })
                .bind(new DomainSocketAddress(path)).syncUninterruptibly().channel();
    }

    private String next() throws InterruptedException {
        String d = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(d, "no datagram arrived");
        return d;
    }

    @Test
    void eachLevelIsOneDatagramInGosLocalFormWithItsPriority() throws Exception {
        String path = dir.resolve("log").toString();
        Channel daemon = daemon(path);
        // The first path has no socket: Go's order goes on to the next one.
        SyslogSink sink = SyslogSink.open(List.of(dir.resolve("missing").toString(), path),
                Facility.LOCAL3, "[KRAKEND]", ZoneOffset.UTC);
        LogWriter writer = new LogWriter(64, stream);
        try {
            writer.useSyslog(sink, false);
            writer.write(new LogWriter.Line(0, Log.Level.DEBUG, null, "debugging"));
            writer.write(new LogWriter.Line(1_000, Log.Level.INFO, null, "listening on :8080"));
            writer.write(new LogWriter.Line(61_000, Log.Level.WARNING, null, "careful"));
            writer.write(new LogWriter.Line(86_400_000L * 40, Log.Level.ERROR, null, "[ENDPOINT: /x] boom\n"));
            writer.flush();
            // local3 = 19: <19*8 + severity>; time.Stamp; tag[pid]; gologging's "%{level} > %{message}"; one \n
            assertEquals("<159>Jan  1 00:00:00 [KRAKEND][" + PID + "]: DEBUG > debugging\n", next());
            assertEquals("<158>Jan  1 00:00:01 [KRAKEND][" + PID + "]: INFO > listening on :8080\n", next());
            assertEquals("<156>Jan  1 00:01:01 [KRAKEND][" + PID + "]: WARNING > careful\n", next());
            assertEquals("<155>Feb 10 00:00:00 [KRAKEND][" + PID + "]: ERROR > [ENDPOINT: /x] boom\n", next(),
                    "a message that ends its line gets no second newline");
            assertEquals("", streamBytes.toString(StandardCharsets.UTF_8), "syslog alone, as KrakenD without stdout");
        } finally {
            sink.close();
            daemon.close().syncUninterruptibly();
        }
    }

    @Test
    void withStdoutTooEveryLineGoesBothWaysAndTheTagDefaultsToTollgate() throws Exception {
        String path = dir.resolve("log").toString();
        Channel daemon = daemon(path);
        SyslogSink sink = SyslogSink.open(List.of(path), Facility.LOCAL0 + 7, "", ZoneOffset.UTC);
        LogWriter writer = new LogWriter(64, stream);
        try {
            writer.configure(LogFormat.CUSTOM, "[ignored]", stream, LogPattern.compile("%{level:.1s} %{message}"));
            writer.useSyslog(sink, true);
            writer.write(new LogWriter.Line(0, Log.Level.ERROR, null, "both"));
            writer.flush();
            assertEquals("<187>Jan  1 00:00:00 tollgate[" + PID + "]: ERROR > both\n", next(),
                    "local7 = 23; syslog keeps gologging's own pattern whatever the format");
            assertEquals("E both" + System.lineSeparator(), streamBytes.toString(StandardCharsets.UTF_8));
        } finally {
            sink.close();
            daemon.close().syncUninterruptibly();
        }
    }

    @Test
    void whenTheDaemonGoesAwayLinesGoToTheStreamAndTheLossIsSaid() throws Exception {
        String path = dir.resolve("log").toString();
        Channel daemon = daemon(path);
        SyslogSink sink = SyslogSink.open(List.of(path), Facility.LOCAL3, "t", ZoneOffset.UTC);
        LogWriter writer = new LogWriter(64, stream);
        try {
            writer.useSyslog(sink, false);
            writer.write(new LogWriter.Line(0, Log.Level.INFO, null, "delivered"));
            writer.flush();
            assertTrue(next().endsWith("INFO > delivered\n"));
            daemon.close().syncUninterruptibly();
            java.nio.file.Files.delete(Path.of(path)); // the daemon is gone, and so is its socket
            // Lines sent before the failure is known are lost (and counted); then they go to the stream.
            int sent = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!streamBytes.toString(StandardCharsets.UTF_8).contains("ERROR: after ")
                    && System.nanoTime() < deadline) {
                writer.write(new LogWriter.Line(0, Log.Level.ERROR, null, "after " + sent++));
                writer.flush();
                Thread.sleep(5);
            }
            writer.write(new LogWriter.Line(0, Log.Level.ERROR, null, "last"));
            writer.flush();
            // A send that fails is counted when its failure comes back; each flush reports what was counted.
            while (accounted(streamBytes.toString(StandardCharsets.UTF_8)) < sent && System.nanoTime() < deadline) {
                writer.flush();
                Thread.sleep(5);
            }
            String text = streamBytes.toString(StandardCharsets.UTF_8);
            long onStream = text.lines().filter(l -> l.contains("ERROR: after ")).count();
            long counted = accounted(text) - onStream;
            assertTrue(onStream > 0 && counted > 0, text);
            assertEquals(sent, onStream + counted, "every line is on the stream or counted as lost: " + text);
            assertTrue(text.contains("ERROR: last"), text);
            assertNull(received.poll());
        } finally {
            sink.close();
        }
    }

    @Test
    void aDaemonThatStopsReadingNeitherBlocksTheCallerNorSwallowsLines() throws Exception {
        String path = dir.resolve("log").toString();
        Channel daemon = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .option(io.netty.channel.ChannelOption.AUTO_READ, false) // a syslog daemon that is wedged
                .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                .bind(new DomainSocketAddress(path)).syncUninterruptibly().channel();
        SyslogSink sink = SyslogSink.open(List.of(path), Facility.LOCAL3, "t", ZoneOffset.UTC);
        LogWriter writer = new LogWriter(64 * 1024, stream);
        try {
            writer.useSyslog(sink, false);
            String filler = "x".repeat(1000);
            for (int i = 0; i < 5000; i++) { // ~5 MB: far past the socket's queue and the channel's buffer
                writer.write(new LogWriter.Line(0, Log.Level.INFO, null, i + " " + filler));
            }
            writer.flush(); // returns: the writer thread was never stuck on the socket
            String text = streamBytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("INFO: 4999 "), "once syslog stops taking lines they go to the stream");
            assertEquals(0, writer.dropped());
        } finally {
            sink.close();
            daemon.close().syncUninterruptibly();
        }
    }

    /** Lines on the stream plus lines the stream says were lost. */
    private static long accounted(String text) {
        long n = text.lines().filter(l -> l.contains("ERROR: after ")).count();
        Matcher m = Pattern.compile("WARNING: (\\d+) log lines? could not be sent to syslog \\(").matcher(text);
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    @Test
    void aStreamSocketIsUsedWhenNoPathTakesADatagramAsGoTriesUnixAfterUnixgram() throws Exception {
        String dgram = dir.resolve("dgram").toString();
        String streamPath = dir.resolve("stream").toString();
        StringBuffer bytes = new StringBuffer();
        Channel server = new io.netty.bootstrap.ServerBootstrap().group(group)
                .channel(io.netty.channel.epoll.EpollServerDomainSocketChannel.class)
                .childHandler(new SimpleChannelInboundHandler<io.netty.buffer.ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, io.netty.buffer.ByteBuf b) {
                        bytes.append(b.toString(StandardCharsets.UTF_8));
                    }
                })
                .bind(new DomainSocketAddress(streamPath)).syncUninterruptibly().channel();
        // The stream socket is listed first, the (missing) datagram one second: datagram is tried on every path
        // before stream is tried on any.
        SyslogSink sink = SyslogSink.open(List.of(streamPath, dgram), Facility.LOCAL3, "t", ZoneOffset.UTC);
        LogWriter writer = new LogWriter(64, stream);
        try {
            assertTrue(sink.address().endsWith("(stream)"), sink.address());
            writer.useSyslog(sink, false);
            writer.write(new LogWriter.Line(0, Log.Level.INFO, null, "one"));
            writer.write(new LogWriter.Line(0, Log.Level.INFO, null, "two"));
            writer.flush();
            String expected = "<158>Jan  1 00:00:00 t[" + PID + "]: INFO > one\n<158>Jan  1 00:00:00 t[" + PID
                    + "]: INFO > two\n";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (bytes.length() < expected.length() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(expected, bytes.toString(), "on a stream each line ends with its newline, as Go sends it");
        } finally {
            sink.close();
            server.close().syncUninterruptibly();
        }
    }

    @Test
    void noSocketAtAnyPathIsUnavailableWithTheReason() {
        SyslogSink.Unavailable e = assertThrows(SyslogSink.Unavailable.class, () -> SyslogSink.open(
                List.of(dir.resolve("a").toString(), dir.resolve("b").toString()), 19, "", ZoneOffset.UTC));
        assertEquals("no syslog socket at " + dir.resolve("a") + ", " + dir.resolve("b"), e.getMessage());
        assertFalse(received.iterator().hasNext());
    }

    /** Facility numbers as LoggingOptions has them (config is a package this one does not see). */
    private static final class Facility {
        static final int LOCAL0 = 16;
        static final int LOCAL3 = 19;
    }
}
