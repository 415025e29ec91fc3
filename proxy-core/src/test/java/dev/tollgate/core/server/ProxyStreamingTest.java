package dev.tollgate.core.server;

import static dev.tollgate.core.testing.TestConfigs.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.tollgate.core.gateway.Gateway;

import dev.tollgate.core.testing.RawHttpClient;
import dev.tollgate.core.testing.TestConfigs;
import dev.tollgate.core.testing.TestOrigin;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * 64 MiB each way, generated and counted, never stored: proves that bodies stream and that a stalled reader on
 * one side stops the other side (the proxy holds a bounded amount, far below the body size).
 */
class ProxyStreamingTest {
    private static final long SIZE = 64L * 1024 * 1024;
    private static final long PAUSE_AFTER = 1024 * 1024;
    /** What loopback socket buffers and Netty's write watermarks can hold on two hops; far below SIZE. */
    private static final long IN_FLIGHT_BOUND = 40L * 1024 * 1024;
    private static final byte[] BLOCK = new byte[64 * 1024];

    @Test
    void streamsLargeBodiesBothWaysWithBackpressure() throws Exception {
        AtomicLong originReceived = new AtomicLong();
        AtomicLong originSent = new AtomicLong();
        AtomicLong clientSent = new AtomicLong();
        CountDownLatch originPaused = new CountDownLatch(1);
        AtomicReference<Channel> originChannel = new AtomicReference<>();

        try (TestOrigin origin = TestOrigin.streaming(() -> new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new ChunkedWriteHandler(), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof HttpContent content) {
                            long total = originReceived.addAndGet(content.content().readableBytes());
                            if (total >= PAUSE_AFTER && originPaused.getCount() > 0) {
                                originChannel.set(ctx.channel());
                                ctx.channel().config().setAutoRead(false); // a stalled origin
                                originPaused.countDown();
                            }
                        }
                        boolean last = msg instanceof LastHttpContent;
                        boolean head = msg instanceof HttpRequest;
                        ReferenceCountUtil.release(msg);
                        if (last && !head) {
                            DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                                    HttpResponseStatus.OK);
                            response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                            ctx.write(response);
                            ctx.writeAndFlush(new HttpChunkedInput(new Generated(SIZE, originSent)));
                        }
                    }
                });
            }
        })) {
            // The endpoint timeout bounds the whole exchange; give 128 MiB on a busy machine plenty of it.
            Gateway g = Gateway.start(TestConfigs.gateway().endpoint(endpoint("/stream", origin.url(), "/s")
                    .method("POST").timeout(Duration.ofSeconds(90))).build(), List.of());
            try (RawHttpClient c = new RawHttpClient(g.port())) {
                CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                    try {
                        OutputStream out = c.out();
                        out.write(("POST /stream HTTP/1.1\r\nHost: a\r\nContent-Length: " + SIZE + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        for (long sent = 0; sent < SIZE; sent += BLOCK.length) {
                            out.write(BLOCK);
                            clientSent.addAndGet(BLOCK.length);
                        }
                        out.flush();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });

                // Request direction: the origin has part of the body while the client is still sending; with the
                // origin stalled, the client is stopped too instead of the proxy buffering the rest.
                assertTrue(originPaused.await(30, TimeUnit.SECONDS));
                assertFalse(upload.isDone(), "the origin received data before the client finished sending");
                Thread.sleep(1000); // give a non-streaming proxy time to swallow the rest (it must not)
                assertTrue(clientSent.get() < IN_FLIGHT_BOUND, "client sent " + clientSent.get()
                        + " bytes while the origin was stalled");
                Channel stalled = originChannel.get();
                stalled.eventLoop().execute(() -> stalled.config().setAutoRead(true));
                upload.get(60, TimeUnit.SECONDS);

                // Response direction: read a little, stall, check the origin is held back, then read the rest.
                assertEquals("HTTP/1.1 200 OK", c.line());
                for (String l = c.line(); !l.isEmpty(); l = c.line()) {
                    // headers
                }
                long read = readChunked(c, PAUSE_AFTER);
                assertTrue(originSent.get() < SIZE, "the client got data before the origin finished sending");
                Thread.sleep(1000);
                assertTrue(originSent.get() - read < IN_FLIGHT_BOUND, "origin sent " + originSent.get()
                        + " bytes while the client had read " + read);
                read += readChunked(c, Long.MAX_VALUE);
                assertEquals(SIZE, read);
                assertEquals(SIZE, originReceived.get());
            } finally {
                g.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    /** Reads chunks until at least {@code limit} bytes or the last chunk; returns the bytes read. */
    private static long readChunked(RawHttpClient c, long limit) throws Exception {
        long read = 0;
        while (read < limit) {
            int n = Integer.parseInt(c.line().trim(), 16);
            if (n == 0) {
                c.line();
                break;
            }
            c.in().skipNBytes(n);
            c.line();
            read += n;
        }
        return read;
    }

    /** {@code size} bytes made on demand, counted as the origin hands them to its socket. */
    private static final class Generated implements ChunkedInput<ByteBuf> {
        private final long size;
        private final AtomicLong sent;
        private long remaining;

        Generated(long size, AtomicLong sent) {
            this.size = size;
            this.sent = sent;
            this.remaining = size;
        }

        @Override
        public boolean isEndOfInput() {
            return remaining == 0;
        }

        @Override
        public void close() {
        }

        @Deprecated
        @Override
        public ByteBuf readChunk(ChannelHandlerContext ctx) {
            return readChunk(ctx.alloc());
        }

        @Override
        public ByteBuf readChunk(ByteBufAllocator allocator) {
            if (remaining == 0) {
                return null;
            }
            int n = (int) Math.min(BLOCK.length, remaining);
            remaining -= n;
            sent.addAndGet(n);
            return allocator.buffer(n).writeBytes(BLOCK, 0, n);
        }

        @Override
        public long length() {
            return size;
        }

        @Override
        public long progress() {
            return size - remaining;
        }
    }
}
