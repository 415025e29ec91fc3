package dev.tollgate.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** go-logging's format verbs as krakend-gologging's custom_format uses them (expected values: go-logging's rules). */
class LogPatternTest {
    /** 2026-12-03T09:05:07.042Z, a Thursday, day 337 of the year. */
    private static final long AT = ZonedDateTime.of(2026, 12, 3, 9, 5, 7, 42_000_000, ZoneOffset.UTC)
            .toInstant().toEpochMilli();

    private static String format(String pattern, Log.Level level, String message, long id) {
        StringBuilder b = new StringBuilder();
        LogPattern.compile(pattern).appendTo(b, AT, level, message, id);
        return b.toString();
    }

    private static String format(String pattern) {
        return format(pattern, Log.Level.WARNING, "hello", 7);
    }

    private static String time(String layout, ZonedDateTime t) {
        StringBuilder b = new StringBuilder();
        GoTimeLayout.compile(layout).appendTo(b, t);
        return b.toString();
    }

    @Test
    void eachVerbWithItsDefaultLayout() {
        assertEquals("2026-12-03T09:05:07.042Z", format("%{time}"), "go-logging's rfc3339Milli, in UTC");
        assertEquals("WARNING", format("%{level}"));
        assertEquals("7", format("%{id}"));
        assertEquals(Long.toString(ProcessHandle.current().pid()), format("%{pid}"));
        assertEquals("tollgate", format("%{program}"));
        assertEquals("KRAKEND", format("%{module}"), "gologging's module, as in the logstash line");
        assertEquals("hello", format("%{message}"));
        assertEquals("[x] WARNING: hello!", format("[x] %{level}: %{message}!"), "the text between is literal");
    }

    @Test
    void fmtModifiers() {
        assertEquals("WARN|ERRO|INFO|DEBU", format("%{level:.4s}", Log.Level.WARNING, "", 1) + "|"
                + format("%{level:.4s}", Log.Level.ERROR, "", 1) + "|" + format("%{level:.4s}", Log.Level.INFO, "", 1)
                + "|" + format("%{level:.4s}", Log.Level.DEBUG, "", 1));
        assertEquals("INFO    |", format("%{level:-8s}|", Log.Level.INFO, "", 1));
        assertEquals("    INFO|", format("%{level:8s}|", Log.Level.INFO, "", 1));
        assertEquals("00ff 0255 377 FF 255", format("%{id:04x} %{id:04d} %{id:o} %{id:X} %{id:v}",
                Log.Level.INFO, "", 255));
        assertEquals("  007|7    |", format("%{id:5.3d}|%{id:-5d}|"), "precision pads digits, - pads right");
        assertEquals("h\u00e9l  |", format("%{message:-5.3s}|", Log.Level.INFO, "h\u00e9llo", 1),
                "width and precision count runes");
        assertEquals("WARNING]", format("%{level:s]}"), "text after the fmt verb is printed, as Go's Fprintf does");
        // go-logging's own README example: caller verbs print its "unknown" text
        assertEquals("\033[33m09:05:07.042 ??? \u25b6 WARN 007\033[0m hello",
                format("%{color}%{time:15:04:05.000} %{shortfunc} \u25b6 %{level:.4s} %{id:03x}%{color:reset} "
                        + "%{message}"));
    }

    @Test
    void colorsAreGoLoggingsAnsiSequences() {
        assertEquals("\033[31m|\033[31;1m|\033[0m", format("%{color}|%{color:bold}|%{color:reset}",
                Log.Level.ERROR, "", 1));
        assertEquals("\033[36m", format("%{color}", Log.Level.DEBUG, "", 1));
        assertEquals("\033[33m", format("%{color:anything}"), "another layout is the plain colour");
        assertEquals("|\033[0m", format("%{color}|%{color:reset}", Log.Level.INFO, "", 1), "INFO has no colour");
    }

    @Test
    void callerVerbsPrintGoLoggingsUnknownText() {
        LogPattern p = LogPattern.compile("%{shortfile} %{longfile} %{shortpkg} %{longfunc} %{callpath:3} %{message}");
        assertEquals(List.of("shortfile", "longfile", "shortpkg", "longfunc", "callpath"), p.callerVerbs());
        assertEquals("???:0 ???:0 ??? ??? ??? hello", format(p.source()));
        assertEquals("???:0     |", format("%{shortfile:-10s}|"));
    }

    @Test
    void whatGoLoggingRefusesIsAnErrorNamingTheVerb() {
        assertEquals("unknown verb %{lvl} (go-logging knows time, level, id, pid, program, module, message, "
                + "longfile, shortfile, longpkg, shortpkg, longfunc, shortfunc, callpath, color)",
                assertThrows(IllegalArgumentException.class, () -> LogPattern.compile("%{time} %{lvl}"))
                        .getMessage());
        assertEquals("has no %{verb} (go-logging refuses such a format: \"invalid log format\"), e.g. "
                + "\"%{time:2006/01/02 15:04:05} %{level} %{message}\"",
                assertThrows(IllegalArgumentException.class, () -> LogPattern.compile("just text")).getMessage());
        assertEquals("%{pid:s}: the fmt verb %s is not supported for pid (use %d or %x or %X or %o or %v)",
                assertThrows(IllegalArgumentException.class, () -> LogPattern.compile("%{pid:s}")).getMessage(),
                "Go would print %!s(int=1234)");
        assertEquals("%{level:-8}: \"-8\" has no fmt verb (such as s or d)",
                assertThrows(IllegalArgumentException.class, () -> LogPattern.compile("%{level:-8}"))
                        .getMessage());
        assertEquals("%{message:05s}: the 0 flag is only supported for id and pid",
                assertThrows(IllegalArgumentException.class, () -> LogPattern.compile("%{message:05s}"))
                        .getMessage());
    }

    @Test
    void textGoLoggingsExpressionDoesNotTakeAsAVerbIsLiteral() {
        assertEquals("%{Time} %{} WARNING", format("%{Time} %{} %{level}"), "upper case or empty is no verb");
        assertEquals("} %{level", format("%{time:} %{level}"), "as in Go: the lazy layout runs to the next brace "
                + "after a character, so this is one time verb whose layout has no token");
        assertEquals("09:05\\}", format("%{time:15:04\\}}"), "an escaped brace stays in the layout");
    }

    @Test
    void goTimeLayouts() {
        ZonedDateTime t = ZonedDateTime.of(2026, 2, 3, 21, 4, 5, 120_000_000, ZoneOffset.UTC);
        assertEquals("2026/02/03 - 21:04:05.120", time("2006/01/02 - 15:04:05.000", t), "KrakenD's default");
        assertEquals("26 Feb February 2 02 Tue Tuesday 3 03  3 034  34", time("06 Jan January 1 01 Mon Monday 2 02 "
                + "_2 002 __2", t));
        assertEquals("21 9 09 4 04 5 05 PM pm", time("15 3 03 4 04 5 05 PM pm", t));
        assertEquals(".12 .120 ,12 .1", time(".99 .000 ,99 .9", t), "9s trim zeros, 0s keep them");
        assertEquals("05", time("05.9", t.withNano(0)), "a trimmed fraction of zero prints nothing, not its dot");
        assertEquals("Z Z Z +0000 +00:00 +00 UTC", time("Z07:00 Z0700 Z07 -0700 -07:00 -07 MST", t));
        ZonedDateTime east = t.withZoneSameInstant(ZoneId.of("+05:30"));
        assertEquals("+05:30 +0530 +05 +05:30:00 +053000 +0530", time("Z07:00 -0700 -07 -07:00:00 Z070000 MST",
                east), "a bare offset has no abbreviation: MST prints it as -0700");
        assertEquals("Jan  1 00:00:00", time("Jan _2 15:04:05", ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0,
                ZoneOffset.UTC)), "time.Stamp, the syslog timestamp");
        assertEquals("Month 2026_2026", time("Month 2006_2006", t), "Mon before a lower-case letter is literal; _2006 "
                + "is a literal _ and the year");
        assertEquals(".0002", time(".0001", t), "a run of 0s followed by another digit is no fraction: a literal ., "
                + "two literal 0s and 01, the month");
    }
}
