package dev.tollgate.core.config;

import java.time.Duration;

/**
 * Parses durations written in Go's {@code time.ParseDuration} syntax, as KrakenD configs use them:
 * {@code 150ms}, {@code 2s}, {@code 1m30s}, {@code 1.5h}. Units: ns, us (or µs), ms, s, m, h.
 */
public final class GoDuration {
    private GoDuration() {
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration (expected e.g. \"2s\", \"150ms\", \"1m30s\")");
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        long totalNanos = 0;
        int i = 0;
        if (s.isEmpty()) {
            throw invalid(text);
        }
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw invalid(text);
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unitNanos = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "" -> throw new IllegalArgumentException("missing unit in duration \"" + text
                        + "\" (expected one of ns, us, ms, s, m, h)");
                default -> throw new IllegalArgumentException("unknown unit \"" + s.substring(unitStart, i)
                        + "\" in duration \"" + text + "\" (expected one of ns, us, ms, s, m, h)");
            };
            double nanos = number * unitNanos;
            // A double cast to long saturates silently; Go's ParseDuration refuses what int64 cannot hold.
            if (nanos >= 0x1p63 || totalNanos > Long.MAX_VALUE - (long) nanos) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\": out of range (at most about "
                        + "2562047h, Go's int64 nanoseconds)");
            }
            totalNanos += (long) nanos;
        }
        return Duration.ofNanos(negative ? -totalNanos : totalNanos);
    }

    /** Formats a duration back in Go syntax, for logs and {@code check} output. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 1_000_000_000L != 0) {
            return nanos % 1_000_000L == 0 ? nanos / 1_000_000L + "ms" : nanos + "ns";
        }
        long seconds = nanos / 1_000_000_000L;
        StringBuilder sb = new StringBuilder();
        if (seconds >= 3600) {
            sb.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            sb.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0 || sb.length() == 0) {
            sb.append(seconds).append('s');
        }
        return sb.toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text
                + "\" (expected Go syntax such as \"2s\", \"150ms\", \"1m30s\")");
    }
}
