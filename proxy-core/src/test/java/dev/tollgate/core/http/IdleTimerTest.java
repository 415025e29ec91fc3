package dev.tollgate.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link IdleTimer} on an EmbeddedChannel with frozen time: when the event fires, and what it leaves alone. */
class IdleTimerTest {
    private static final long TIMEOUT_MS = 1000;

    private final List<Object> events = new ArrayList<>();
    private final List<ChannelPromise> promisesBelow = new ArrayList<>();

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                promisesBelow.add(promise);
                ctx.write(msg, promise);
            }
        });
        ch.pipeline().addLast(new IdleTimer(TIMEOUT_MS));
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
        return ch;
    }

    private static void advance(EmbeddedChannel ch, long millis) {
        for (long done = 0; done < millis; done += 50) {
            ch.advanceTimeBy(50, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
        }
    }

    @Test
    void firesBetweenTheTimeoutAndAQuarterMoreAfterTheLastActivity() {
        EmbeddedChannel ch = channel();
        ch.writeInbound("request");
        advance(ch, TIMEOUT_MS - 50);
        assertEquals(List.of(), events, "not before the timeout");
        advance(ch, TIMEOUT_MS / 4 + 50);
        assertEquals(List.of(IdleStateEvent.ALL_IDLE_STATE_EVENT), events);
        ch.finishAndReleaseAll();
    }

    @Test
    void keepsFiringEveryTimeoutWhileIdle() {
        EmbeddedChannel ch = channel();
        advance(ch, 3 * TIMEOUT_MS + TIMEOUT_MS / 2);
        assertEquals(3, events.size(), events.toString());
        ch.finishAndReleaseAll();
    }

    @Test
    void readsAndWritesKeepTheConnectionBusy() {
        EmbeddedChannel ch = channel();
        for (int i = 0; i < 20; i++) {
            advance(ch, TIMEOUT_MS / 2);
            if (i % 2 == 0) {
                ch.writeInbound("read " + i);
            } else {
                ch.writeOutbound("write " + i);
            }
        }
        assertEquals(List.of(), events, "10 s of activity every half timeout");
        ch.finishAndReleaseAll();
    }

    @Test
    void aWriteKeepsItsOwnPromiseNoListenerIsAdded() {
        EmbeddedChannel ch = channel();
        ch.writeOneOutbound("void", ch.voidPromise());
        ChannelPromise real = ch.newPromise();
        ch.writeOneOutbound("real", real);
        ch.flushOutbound();
        assertSame(ch.voidPromise(), promisesBelow.get(0), "a void promise stays void");
        assertSame(real, promisesBelow.get(1));
        ch.finishAndReleaseAll();
    }

    @Test
    void stopsWithTheChannel() {
        EmbeddedChannel ch = channel();
        ch.close();
        advance(ch, 3 * TIMEOUT_MS);
        assertEquals(List.of(), events);
        ch.finishAndReleaseAll();
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new IdleTimer(0));
    }
}
