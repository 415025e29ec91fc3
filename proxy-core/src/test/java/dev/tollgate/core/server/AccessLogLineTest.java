package dev.tollgate.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** gin v1.12.0's default access line, byte for byte, from its formatter's rules (logger.go). */
class AccessLogLineTest {

    private static String line(int status, long nanos, String ip, String method, String target) {
        StringBuilder sb = new StringBuilder();
        new AccessLogLine(0, status, nanos, ip, method, target, false).appendTo(sb);
        return sb.toString();
    }

    private static String time0() {
        return DateTimeFormatter.ofPattern("yyyy/MM/dd - HH:mm:ss").withZone(ZoneId.systemDefault())
                .format(Instant.EPOCH);
    }

    @Test
    void ginsLineShape() {
        // fmt.Sprintf("[GIN] %v |%s %3d %s|%s %8v %s| %15s |%s %-7s %s %#v\n%s", ...) without colours
        assertEquals("[GIN] " + time0() + " | 200 |   1.46ms |       127.0.0.1 | GET      \"/users/1?x=1\"",
                line(200, 1_466_375, "127.0.0.1", "GET", "/users/1?x=1"));
        assertEquals("[GIN] " + time0() + " | 404 |    999ns |             ::1 | DELETE   \"/a\"",
                line(404, 999, "::1", "DELETE", "/a"));
        assertEquals("[GIN] " + time0() + " | 502 | 123.456µs |        10.1.2.3 | OPTIONS  \"/\"",
                line(502, 123_456, "10.1.2.3", "OPTIONS", "/"), "%8v pads, never cuts");
    }

    @Test
    void latencyIsTruncatedAndPrintedAsGoPrintsADuration() {
        assertEquals("0s", AccessLogLine.goDuration(0));
        assertEquals("1.5µs", AccessLogLine.goDuration(1_500));
        assertEquals("1ms", AccessLogLine.goDuration(AccessLogLine.ginTruncate(1_000_000)));
        assertEquals("1.46ms", AccessLogLine.goDuration(AccessLogLine.ginTruncate(1_466_375)), "to 10µs past 1ms");
        assertEquals("12.34s", AccessLogLine.goDuration(AccessLogLine.ginTruncate(12_345_678_901L)),
                "to 10ms past 1s");
        assertEquals("2m30s", AccessLogLine.goDuration(AccessLogLine.ginTruncate(150_123_456_789L)),
                "to 10s past 1m");
        assertEquals("1h0m5s", AccessLogLine.goDuration(3_605_000_000_000L));
    }

    @Test
    void thePathIsUnescapedAndQuotedAsGosPercentHashV() {
        StringBuilder sb = new StringBuilder();
        dev.tollgate.core.data.GoText.quote(sb, AccessLogLine.unescapedPathAndRawQuery("/a%20b/%C3%A9/%22q%22/%01%FF?x=%20"));
        assertEquals("\"/a b/\u00e9/\\\"q\\\"/\\x01\\xff?x=%20\"", sb.toString(),
                "URL.Path is decoded, RawQuery is not; invalid UTF-8 and controls escaped");
        sb.setLength(0);
        dev.tollgate.core.data.GoText.quote(sb, "tab\there\u2028".getBytes(StandardCharsets.UTF_8));
        assertEquals("\"tab\\there\\u2028\"", sb.toString());
    }

    @Test
    void anEmptyQueryIsNotLoggedAsGosRawQueryIsEmpty() {
        StringBuilder sb = new StringBuilder();
        dev.tollgate.core.data.GoText.quote(sb, AccessLogLine.unescapedPathAndRawQuery("/a?"));
        assertEquals("\"/a\"", sb.toString());
    }

    @Test
    void jsonShapeCarriesTheSameFields() {
        StringBuilder sb = new StringBuilder();
        new AccessLogLine(0, 201, 2_500_000, "127.0.0.1", "POST", "/o?\"x\"", true).appendTo(sb);
        assertEquals("{\"time\":\"1970-01-01T00:00:00Z\",\"status\":201,\"latency_ms\":2.5,"
                + "\"client_ip\":\"127.0.0.1\",\"method\":\"POST\",\"path\":\"/o?\\\"x\\\"\"}", sb.toString());
    }
}
