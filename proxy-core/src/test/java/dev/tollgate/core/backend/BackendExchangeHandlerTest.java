package dev.tollgate.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend pipeline's last handler on its own: who hears what while a connection is held, and while pooled. */
class BackendExchangeHandlerTest {

    /** Writes down what the handler tells its owner. */
    private static final class Recording implements BackendExchangeHandler.Owner {
        final List<Object> messages = new ArrayList<>();
        final List<Object> failures = new ArrayList<>();
        int readCompletes;
        int writabilityChanges;

        @Override
        public void onBackendMessage(Object msg) {
            messages.add(msg);
        }

        @Override
        public void onBackendReadComplete() {
            readCompletes++;
        }

        @Override
        public void onBackendWritabilityChanged() {
            writabilityChanges++;
        }

        @Override
        public void onBackendFailure(Throwable cause) {
            failures.add(cause == null ? "closed" : cause);
        }
    }

    private static final Object USER_EVENT = new Object();

    private static ByteBuf bytes() {
        return Unpooled.copiedBuffer(new byte[] {1, 2, 3});
    }

    @Test
    void whileHeldEveryReadAndReadCompleteGoesToTheOwner() {
        EmbeddedChannel ch = new EmbeddedChannel(new BackendExchangeHandler(null, -1));
        Recording owner = new Recording();
        handler(ch).attach(owner);
        ByteBuf msg = bytes();
        ch.writeInbound(msg);
        assertEquals(List.of(msg), owner.messages);
        assertEquals(1, owner.readCompletes);
        assertEquals(1, msg.refCnt(), "the owner releases what it was handed");
        assertTrue(ch.isActive());
        msg.release();
        assertFalse(ch.finish());
    }

    @Test
    void aPooledConnectionThatReceivesAnythingIsClosedAndTheBytesReleased() {
        EmbeddedChannel ch = new EmbeddedChannel(new BackendExchangeHandler(null, -1));
        Recording owner = new Recording();
        handler(ch).attach(owner);
        handler(ch).detach();
        ByteBuf msg = bytes();
        ch.writeInbound(msg);
        assertEquals(0, msg.refCnt());
        assertFalse(ch.isOpen());
        assertTrue(owner.messages.isEmpty());
        assertEquals(0, owner.readCompletes);
    }

    @Test
    void aCloseWhileHeldIsTheOwnersFailureOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new BackendExchangeHandler(null, -1));
        Recording owner = new Recording();
        handler(ch).attach(owner);
        ch.close();
        ch.runPendingTasks();
        assertEquals(List.of("closed"), owner.failures);
    }

    @Test
    void anExceptionWhileHeldIsTheOwnersFailureAndClosesTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel(new BackendExchangeHandler(null, -1));
        Recording owner = new Recording();
        handler(ch).attach(owner);
        IOException reset = new IOException("Connection reset by peer");
        ch.pipeline().fireExceptionCaught(reset);
        ch.runPendingTasks();
        assertFalse(ch.isOpen());
        // Let go before telling the owner: the close that follows is not a second failure.
        assertEquals(List.of(reset), owner.failures);
        ch.checkException();
    }

    @Test
    void writabilityChangesGoToTheOwnerOnlyWhileHeld() {
        EmbeddedChannel ch = new EmbeddedChannel(new BackendExchangeHandler(null, -1));
        Recording owner = new Recording();
        ch.pipeline().fireChannelWritabilityChanged();
        handler(ch).attach(owner);
        ch.pipeline().fireChannelWritabilityChanged();
        assertEquals(1, owner.writabilityChanges);
        assertFalse(ch.finish());
    }

    @Test
    void idlingOutClosesAPooledConnectionButNotAHeldOne() {
        EmbeddedChannel ch = new EmbeddedChannel(new BackendExchangeHandler(null, -1));
        Recording owner = new Recording();
        handler(ch).attach(owner);
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertTrue(ch.isOpen(), "the endpoint timeout bounds a held connection, not the idle timeout");
        handler(ch).detach();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertFalse(ch.isOpen());
        assertTrue(owner.failures.isEmpty());
    }

    @Test
    void otherUserEventsPassOn() {
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new BackendExchangeHandler(null, -1),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        seen.add(evt);
                    }
                });
        ch.pipeline().fireUserEventTriggered(USER_EVENT);
        assertEquals(List.of(USER_EVENT), seen);
        assertFalse(ch.finish());
    }

    @Test
    void aPooledConnectionThatClosesLeavesItsPool() {
        EmbeddedChannel ch = new EmbeddedChannel();
        BackendPool pool = new BackendPool(ch.eventLoop(), new Bootstrap[1]);
        ch.pipeline().addLast(new BackendExchangeHandler(pool, 0));
        pool.release(ch, 0);
        assertEquals(1, pool.idleCount());
        ch.close();
        ch.runPendingTasks();
        assertEquals(0, pool.idleCount());
        assertNull(pool.pollIdle(0));
    }

    private static BackendExchangeHandler handler(EmbeddedChannel ch) {
        return ch.pipeline().get(BackendExchangeHandler.class);
    }
}
