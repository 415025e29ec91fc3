package dev.tollgate.core.server;

import dev.tollgate.core.data.GoText;
import dev.tollgate.core.log.RawLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One access log line, formatted on the log writer's thread. The default shape is gin's {@code defaultLogFormatter}
 * (gin v1.12.0 logger.go, which KrakenD's router uses with no formatter of its own):
 * {@code [GIN] 2006/01/02 - 15:04:05 | 200 |   1.23ms |       127.0.0.1 | GET      "/path?q=1"}, the latency
 * truncated as gin truncates it and printed as Go prints a {@code time.Duration}, the path unescaped and quoted as
 * Go's {@code %#v} quotes a string. The JSON shape carries the same fields.
 *
 * @param epochMillis when the answer ended
 * @param latencyNanos from the request head to the answer's end
 * @param clientIp    the connection's peer (never a client-supplied header: a log line must not be forged)
 * @param path        the request target as received (origin form)
 */
record AccessLogLine(long epochMillis, int status, long latencyNanos, String clientIp, String method, String path,
                     boolean json) implements RawLine {
    private static final DateTimeFormatter GIN_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd - HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Override
    public void appendTo(StringBuilder out) {
        if (json) {
            appendJson(out);
            return;
        }
        out.append("[GIN] ").append(time(epochMillis)).append(" | ");
        padLeft(out, Integer.toString(status), 3);
        out.append(" | ");
        padLeft(out, goDuration(ginTruncate(latencyNanos)), 8);
        out.append(" | ");
        padLeft(out, clientIp, 15);
        out.append(" | ");
        out.append(method);
        for (int i = method.length(); i < 7; i++) {
            out.append(' ');
        }
        out.append("  ");
        GoText.quote(out, unescapedPathAndRawQuery(path));
    }

    private void appendJson(StringBuilder out) {
        out.append("{\"time\":\"").append(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis)))
                .append("\",\"status\":").append(status)
                .append(",\"latency_ms\":").append(latencyNanos / 1000 / 1000.0)
                .append(",\"client_ip\":");
        jsonString(out, clientIp);
        out.append(",\"method\":");
        jsonString(out, method);
        out.append(",\"path\":");
        jsonString(out, path);
        out.append('}');
    }

    /** The last second formatted: lines come in bursts within one second, and formatting a date is the dear part. */
    private record Stamp(long second, String text) {
    }

    private static volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");

    private static String time(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Stamp stamp = lastStamp;
        if (stamp.second() != second) {
            stamp = new Stamp(second, GIN_TIME.format(Instant.ofEpochSecond(second)));
            lastStamp = stamp; // immutable: a racing writer stores an equally right one
        }
        return stamp.text();
    }

    private static void padLeft(StringBuilder out, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            out.append(' ');
        }
        out.append(s);
    }

    /** gin's rounding of the latency before it prints it. */
    static long ginTruncate(long d) {
        if (d > 60 * S) {
            return d - d % (10 * S);
        }
        if (d > S) {
            return d - d % (10 * MS);
        }
        if (d > MS) {
            return d - d % 10_000L;
        }
        return d;
    }

    /** Go's {@code time.Duration.String} for a non-negative duration. */
    static String goDuration(long d) {
        if (d == 0) {
            return "0s";
        }
        if (d < 1000) {
            return d + "ns";
        }
        if (d < MS) {
            return fraction(d, 3) + "\u00b5s";
        }
        if (d < S) {
            return fraction(d, 6) + "ms";
        }
        long secs = d / S;
        long hours = secs / 3600;
        long minutes = secs / 60 % 60;
        StringBuilder sb = new StringBuilder();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        sb.append(fraction(secs % 60 * S + d % S, 9)).append('s');
        return sb.toString();
    }

    /** {@code v / 10^digits} with its fraction's trailing zeros (and a bare point) dropped, as Go's fmtFrac. */
    private static String fraction(long v, int digits) {
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        String frac = Long.toString(v % scale + scale).substring(1);
        int end = frac.length();
        while (end > 0 && frac.charAt(end - 1) == '0') {
            end--;
        }
        return end == 0 ? Long.toString(v / scale) : (v / scale) + "." + frac.substring(0, end);
    }

    /** Go's {@code URL.Path} (percent-decoded) plus {@code ?RawQuery}, as gin logs it. */
    static byte[] unescapedPathAndRawQuery(String target) {
        if (target.indexOf('%') < 0 && !target.endsWith("?")) {
            return target.getBytes(StandardCharsets.UTF_8); // nothing to unescape: the usual case
        }
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        byte[] raw = rawPath.getBytes(StandardCharsets.UTF_8);
        byte[] decoded = new byte[raw.length];
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                decoded[n++] = (byte) (hex(raw[i + 1]) << 4 | hex(raw[i + 2]));
                i += 2;
            } else {
                decoded[n++] = raw[i];
            }
        }
        byte[] query = q < 0 || q == target.length() - 1 ? new byte[0]
                : target.substring(q).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[n + query.length];
        System.arraycopy(decoded, 0, out, 0, n);
        System.arraycopy(query, 0, out, n, query.length);
        return out;
    }

    private static int hex(byte b) {
        return b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F'
                ? b - 'A' + 10 : -1;
    }

    private static void jsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
