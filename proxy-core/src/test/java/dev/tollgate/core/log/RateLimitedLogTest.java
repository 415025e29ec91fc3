package dev.tollgate.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.testing.LogCapture;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
    private enum Kind { REJECTED, CLIENT_CLOSED }

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimitedLog<Kind> log = new RateLimitedLog<>(Log.get("test"), "/x", Kind.class,
            TimeUnit.SECONDS.toNanos(1), now::get);

    private static List<String> lines(LogCapture capture) {
        return Arrays.stream(capture.text().split(System.lineSeparator())).filter(l -> !l.isEmpty())
                .map(l -> l.substring(l.indexOf("TOLLGATE "))).toList();
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void firstLineOfEachKindThenOneASecondWithHowManyWereLeftOut() {
        try (LogCapture capture = new LogCapture()) {
            log.endpointError(Kind.REJECTED, "Post \"http://idp/token\": connection refused");
            for (int i = 0; i < 523; i++) {
                advanceMillis(1);
                log.endpointError(Kind.REJECTED, "Post \"http://idp/token\": connection refused");
            }
            log.endpointError(Kind.CLIENT_CLOSED, "the client closed the connection");
            advanceMillis(1200 - 523);
            log.endpointError(Kind.REJECTED, "Post \"http://idp/token\": timeout");
            log.endpointError(Kind.REJECTED, "Post \"http://idp/token\": timeout");
            advanceMillis(1000);
            log.endpointError(Kind.REJECTED, "Post \"http://idp/token\": timeout");
            assertEquals(List.of(
                    "TOLLGATE ERROR: [ENDPOINT: /x] Post \"http://idp/token\": connection refused",
                    "TOLLGATE ERROR: [ENDPOINT: /x] the client closed the connection",
                    "TOLLGATE ERROR: [ENDPOINT: /x] Post \"http://idp/token\": timeout"
                            + " (and 523 more like this in the last 1.2s)",
                    "TOLLGATE ERROR: [ENDPOINT: /x] Post \"http://idp/token\": timeout"
                            + " (and 1 more like this in the last 1.0s)"), lines(capture));
        }
    }

    @Test
    void aQuietEndpointLogsEveryLine() {
        try (LogCapture capture = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                log.endpointError(Kind.REJECTED, "refused " + i);
                advanceMillis(1000);
            }
            List<String> lines = lines(capture);
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.get(2).endsWith("refused 2"), lines.toString());
        }
    }
}
