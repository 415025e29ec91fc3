package dev.tollgate.auth.token;

import static dev.tollgate.auth.token.ManualTime.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.log.Log;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenHolderTest {
    private static final String URL = "http://idp.test/token";

    private final ManualTime time = new ManualTime();
    private final ScriptedFetcher fetcher = new ScriptedFetcher();
    /** Jitter factor exactly 1.0, so backoff delays are exact. */
    private final TokenHolder holder = new TokenHolder(URL, "client-1", Duration.ofSeconds(10), time,
            new RetryBackoff(() -> 0.5));
    private final EventLoop loop = new EmbeddedChannel().eventLoop();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeEach
    void captureLog() {
        Log.setOutput(new PrintStream(logged, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        Log.setOutput(System.err);
    }

    @Test
    void firstFetchIsEagerAndRefreshHappensExactlyAtExpiryMinusMargin() {
        holder.start(fetcher, time);
        assertEquals(1, fetcher.count(), "start fetches at once, before any request");
        fetcher.succeed("t1", 3600);
        assertEquals("Bearer t1", holder.current().authorization().toString());
        assertEquals(seconds(3590), time.nextTimerInNanos());

        time.advanceNanos(seconds(3590) - 1);
        assertEquals(1, fetcher.count(), "no fetch inside the window");
        assertTrue(ready(holder));
        time.advanceNanos(1);
        assertEquals(2, fetcher.count(), "refresh at exactly expiry - margin");
        assertTrue(ready(holder), "requests never wait for a refresh while the token is valid");
        fetcher.succeed("t2", 3600);
        assertEquals("Bearer t2", holder.current().authorization().toString());
        assertEquals(1, holder.stats().refreshes());
        assertEquals(2, holder.stats().fetchesOk());
    }

    @Test
    void staleTokenIsUsedDuringAnOutageUntilItsRealExpiryThenRequestsFailFast() {
        holder.start(fetcher, time);
        fetcher.succeed("t1", 100);
        time.advanceSeconds(90); // refresh due
        assertEquals(2, fetcher.count());
        fetcher.fail("Post \"" + URL + "\": oauth2: \"temporarily_unavailable\"");
        assertTrue(ready(holder), "still valid: keep stamping");
        assertEquals(seconds(1), time.nextTimerInNanos(), "first retry after ~1s");

        time.advanceSeconds(1);
        fetcher.fail("down");
        assertEquals(seconds(2), time.nextTimerInNanos());
        time.advanceSeconds(2);
        fetcher.fail("down");
        assertEquals(seconds(4), time.nextTimerInNanos());
        time.advanceSeconds(4); // t = 97s after issue
        fetcher.fail("down");
        assertEquals(seconds(3), time.nextTimerInNanos(), "retry no later than the real expiry");
        time.advanceNanos(seconds(3) - 1);
        assertTrue(ready(holder), "valid until the very last nanosecond");
        time.advanceNanos(1); // real expiry: retry fires
        assertEquals(6, fetcher.count());
        fetcher.fail("Post \"" + URL + "\": oauth2: \"invalid_client\" \"Bad client credentials\"");
        assertEquals(seconds(5), time.nextTimerInNanos(), "capped at 5s without a valid token");

        Recorder r = await(holder);
        assertNotNull(r.rejection, "expired and the IdP failing: fail fast");
        assertEquals(500, r.rejection.status());
        assertEquals("Post \"" + URL + "\": oauth2: \"invalid_client\" \"Bad client credentials\"",
                r.rejection.logMessage());

        time.advanceSeconds(5);
        fetcher.succeed("t2", 100);
        assertTrue(ready(holder));
        assertEquals(seconds(90), time.nextTimerInNanos());
        time.advanceSeconds(90);
        fetcher.fail("down");
        assertEquals(seconds(1), time.nextTimerInNanos(), "backoff reset after a success");
        assertTrue(flushedText(logged).contains("recovered after 5 failed attempts"));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndIsCapped() {
        RetryBackoff low = new RetryBackoff(() -> 0.0);
        RetryBackoff high = new RetryBackoff(() -> 0.999999);
        assertEquals(seconds(0.8), low.delayNanos(1, true));
        assertTrue(high.delayNanos(1, true) > seconds(1.19));
        assertEquals(seconds(3.2), low.delayNanos(3, true));
        assertEquals(seconds(60), high.delayNanos(30, true));
        assertEquals(seconds(5), high.delayNanos(4, false));
        assertEquals(seconds(4), low.delayNanos(10, false));
    }

    @Test
    void tokenWithoutExpiryNeverExpiresAndWarnsOnce() {
        holder.start(fetcher, time);
        fetcher.succeed("forever", 0);
        assertTrue(holder.current().neverExpires());
        assertEquals(0, time.pendingTimers(), "nothing to refresh");
        time.advanceSeconds(10L * 365 * 24 * 3600);
        assertTrue(ready(holder));
        holder.markStale(holder.current()); // a 401 still replaces it
        fetcher.succeed("forever2", 0);
        String log = flushedText(logged);
        assertEquals(1, log.split("never expires", -1).length - 1, log);
        assertFalse(log.contains("forever"), "tokens are never logged");
    }

    @Test
    void requestsBeforeTheFirstTokenWaitForTheSameFetch() {
        holder.start(fetcher, time);
        Recorder a = await(holder);
        Recorder b = await(holder);
        assertFalse(a.ready || b.ready);
        assertEquals(1, fetcher.count());
        fetcher.succeed("t1", 3600);
        assertTrue(a.ready && b.ready);
        assertEquals(2, holder.stats().waits());
    }

    @Test
    void waitersAreRejectedWhenTheFirstFetchFailsAndRecoverAfterTheRetry() {
        holder.start(fetcher, time);
        Recorder a = await(holder);
        fetcher.fail("Post \"" + URL + "\": oauth2: \"invalid_client\" \"Bad client credentials\"");
        assertNotNull(a.rejection);
        assertTrue(await(holder).rejection != null, "fails fast while the retry timer runs");
        assertEquals(1, fetcher.count(), "rejections do not fetch");
        time.advanceSeconds(1);
        assertEquals(2, fetcher.count());
        Recorder c = await(holder); // a fetch is in flight: wait for it
        assertNull(c.rejection);
        fetcher.succeed("t1", 3600);
        assertTrue(c.ready);
        assertEquals(1, holder.stats().fetchesFailed().get(TokenFetchException.Reason.OAUTH_ERROR));
        assertEquals(2, holder.stats().rejected());
    }

    @Test
    void aRejectionHasTheBackendsNoTokenStatusAndSaysWhenTheNextAttemptRuns() {
        holder.start(fetcher, time);
        Recorder parked = new Recorder();
        holder.await(loop, parked, 503);
        fetcher.fail("Post \"" + URL + "\": oauth2: \"temporarily_unavailable\"");
        assertEquals(503, parked.rejection.status(), "a parked request keeps the status it asked for");
        assertEquals("1", parked.rejection.headers().get("Retry-After"), "the first retry runs in 1s");

        time.advanceSeconds(1);
        fetcher.fail("Post \"" + URL + "\": down");
        assertEquals(seconds(2), time.nextTimerInNanos());
        time.advanceSeconds(0.5);
        Recorder later = new Recorder();
        holder.await(loop, later, 502);
        assertEquals(502, later.rejection.status());
        assertEquals("2", later.rejection.headers().get("Retry-After"), "1.5s left, rounded up to whole seconds");
        assertEquals(500, await(holder).rejection.status(), "the plain gate answers KrakenD's 500");
        assertEquals("Post \"" + URL + "\": down", later.rejection.logMessage());
    }

    @Test
    void backend401MarksTheStampedTokenStaleSingleFlight() {
        holder.start(fetcher, time);
        fetcher.succeed("t1", 3600);
        AccessToken t1 = holder.current();
        holder.markStale(t1);
        assertEquals(1, fetcher.count(), "not within a second of its arrival");
        time.advanceSeconds(2);
        holder.markStale(t1);
        holder.markStale(t1);
        assertEquals(2, fetcher.count(), "one fetch for many 401s");
        assertTrue(ready(holder), "the old token stays in use meanwhile");
        fetcher.succeed("t2", 3600);
        time.advanceSeconds(2);
        holder.markStale(t1);
        assertEquals(2, fetcher.count(), "a 401 for a replaced token is ignored");
    }

    @Test
    void lifetimeNotLongerThanTheMarginRefreshesAtHalfLife() {
        holder.start(fetcher, time);
        fetcher.succeed("short", 8);
        assertEquals(seconds(4), time.nextTimerInNanos());
        assertTrue(flushedText(logged).contains("refreshing at half their lifetime"));
    }

    @Test
    void hugeExpiresInDoesNotOverflowIntoThePast() {
        holder.start(fetcher, time);
        fetcher.succeed("t1", Long.MAX_VALUE / 1000);
        assertTrue(ready(holder));
        assertTrue(holder.stats().remainingNanos() > 0);
    }

    @Test
    void backend401sDuringAnOutageLeaveRetriesToTheBackoffTimer() {
        holder.start(fetcher, time);
        fetcher.succeed("t1", 100);
        time.advanceSeconds(90);
        fetcher.fail("down");
        holder.markStale(holder.current());
        holder.markStale(holder.current());
        assertEquals(2, fetcher.count(), "no extra fetch past the backoff");
        assertTrue(ready(holder));
        assertEquals(2, fetcher.count(), "a waiting-free request does not fetch either");
    }

    @Test
    void publishReleasesWaitersWithoutANetwork() {
        Recorder a = await(holder);
        assertFalse(a.ready);
        AccessToken token = AccessToken.bearer("bench");
        holder.publish(token);
        assertTrue(a.ready);
        assertSame(token, holder.current());
        assertEquals("Bearer bench", token.authorization().toString());
    }

    @Test
    void tokenTypeIsNormalisedAsKrakenD() {
        assertEquals("Bearer x", AccessToken.of("x", "bearer", 0, 1).authorization().toString());
        assertEquals("Bearer x", AccessToken.of("x", "", 0, 1).authorization().toString());
        assertEquals("MAC x", AccessToken.of("x", "mac", 0, 1).authorization().toString());
        assertEquals("Basic x", AccessToken.of("x", "BASIC", 0, 1).authorization().toString());
        assertEquals("DPoP x", AccessToken.of("x", "DPoP", 0, 1).authorization().toString());
        assertFalse(AccessToken.of("secret-token", "bearer", 0, 1).toString().contains("secret-token"));
    }

    private boolean ready(BackendGate gate) {
        return await(gate).ready;
    }

    private Recorder await(BackendGate gate) {
        Recorder r = new Recorder();
        gate.await(loop, r);
        return r;
    }

    static final class Recorder implements BackendGate.Listener {
        volatile boolean ready;
        volatile GateRejection rejection;

        @Override
        public void onReady() {
            ready = true;
        }

        @Override
        public void onRejected(GateRejection rejection) {
            this.rejection = rejection;
        }
    }

    /** The log is written asynchronously: wait for what was logged so far. */
    private static String flushedText(java.io.ByteArrayOutputStream captured) {
        Log.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }
}
