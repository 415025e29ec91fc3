package dev.tollgate.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.GateRejection;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenHolderConcurrencyTest {

    @Test
    void thousandConcurrentFirstRequestsShareOneFetchAndResumeOnTheirOwnLoops() throws Exception {
        var group = new MultiThreadIoEventLoopGroup(4, NioIoHandler.newFactory());
        try {
            ScriptedFetcher fetcher = new ScriptedFetcher();
            TokenHolder holder = new TokenHolder("http://idp.test/token", "c", Duration.ofSeconds(10),
                    TokenClock.SYSTEM, RetryBackoff.withRandomJitter());
            holder.start(fetcher, TokenScheduler.on(group.next()));

            int requests = 1000;
            CountDownLatch submitted = new CountDownLatch(requests);
            CountDownLatch released = new CountDownLatch(requests);
            AtomicInteger wrongLoop = new AtomicInteger();
            AtomicInteger rejected = new AtomicInteger();
            List<EventLoop> loops = new ArrayList<>();
            group.forEach(e -> loops.add((EventLoop) e));
            for (int i = 0; i < requests; i++) {
                EventLoop loop = loops.get(i % loops.size());
                loop.execute(() -> {
                    holder.await(loop, new BackendGate.Listener() {
                        @Override
                        public void onReady() {
                            if (!loop.inEventLoop()) {
                                wrongLoop.incrementAndGet();
                            }
                            released.countDown();
                        }

                        @Override
                        public void onRejected(GateRejection rejection) {
                            rejected.incrementAndGet();
                            released.countDown();
                        }
                    });
                    submitted.countDown();
                });
            }
            assertTrue(submitted.await(30, TimeUnit.SECONDS));
            assertEquals(1, fetcher.count(), "exactly one token request in flight");
            assertEquals(requests, released.getCount(), "nobody passes before the token exists");

            // Complete from a thread that is none of the request loops.
            Thread completer = new Thread(() -> fetcher.succeed("t1", 3600));
            completer.start();
            assertTrue(released.await(30, TimeUnit.SECONDS), "every waiter is released");
            assertEquals(0, wrongLoop.get(), "each waiter resumes on its own event loop");
            assertEquals(0, rejected.get());
            assertEquals(1, fetcher.count());
            assertEquals(requests, holder.stats().waits());
            holder.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
