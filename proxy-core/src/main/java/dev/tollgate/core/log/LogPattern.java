package dev.tollgate.core.log;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * krakend-gologging's {@code custom_format}: an op/go-logging format string ({@code format.go},
 * {@code NewStringFormatter}), compiled once at startup into parts and applied on the log writer's thread.
 *
 * <p>Verbs are found as go-logging finds them, with its regular expression {@code %{([a-z]+)(?::(.*?[^\\]))?}};
 * the text between is literal. {@code %{time}} takes a Go time layout (default {@code 2006-01-02T15:04:05.999Z07:00},
 * printed in UTC like the rest of Tollgate's log); {@code %{color}}, {@code %{color:bold}} and
 * {@code %{color:reset}} print go-logging's ANSI sequences (none for INFO); {@code level module program message id
 * pid} take a Go fmt verb after the colon ({@code %{level:.4s}}, {@code %{level:-8s}}, {@code %{id:03x}}): flags
 * {@code -} and {@code 0} (numbers), a width, a precision and {@code s v} (or {@code d x X o v} for the numbers).
 * The verbs that name the Go caller ({@code longfile shortfile longpkg shortpkg longfunc shortfunc callpath}) have
 * no meaning in Tollgate and print go-logging's own "unknown" text, {@code ???:0} or {@code ???}.
 * {@code %{module}} is {@code KRAKEND} (gologging's module, also in the logstash line) and {@code %{program}}
 * {@code tollgate}.
 *
 * <p>Refused as go-logging refuses it (KrakenD then panics at startup): a format with no verb, an unknown verb.
 * Refused where Go would print garbage ({@code %!s(int=1)}): a fmt verb that does not fit the value.
 */
public final class LogPattern {
    /** go-logging's own expression: a verb is lower-case letters, the layout runs to a brace not escaped. */
    private static final Pattern VERB = Pattern.compile("%\\{([a-z]+)(?::(.*?[^\\\\]))?}");
    private static final String DEFAULT_TIME = "2006-01-02T15:04:05.999Z07:00";
    private static final String RESET = "\033[0m";
    static final String MODULE = "KRAKEND";
    static final String PROGRAM = "tollgate";
    private static final long PID = ProcessHandle.current().pid();

    private enum Verb {
        TIME, LEVEL, ID, PID, PROGRAM, MODULE, MESSAGE, LONGFILE, SHORTFILE, LONGPKG, SHORTPKG, LONGFUNC,
        SHORTFUNC, CALLPATH, COLOR;

        boolean numeric() {
            return this == ID || this == PID;
        }

        boolean caller() {
            return ordinal() >= LONGFILE.ordinal() && ordinal() <= CALLPATH.ordinal();
        }
    }

    private sealed interface Part permits Literal, Time, Color, Value {
    }

    private record Literal(String text) implements Part {
    }

    private record Time(GoTimeLayout layout) implements Part {
    }

    private record Color(String layout) implements Part {
    }

    /** A value verb with its Go fmt spec, e.g. {@code %-8s}, and any text after the fmt verb. */
    private record Value(Verb verb, boolean minus, boolean zero, int width, int precision, char conversion,
                         String suffix) implements Part {
    }

    private final String source;
    private final List<Part> parts;
    private final List<String> callerVerbs;

    private LogPattern(String source, List<Part> parts, List<String> callerVerbs) {
        this.source = source;
        this.parts = parts;
        this.callerVerbs = callerVerbs;
    }

    /**
     * Compiles {@code format}.
     *
     * @throws IllegalArgumentException what is wrong with it, naming the verb
     */
    public static LogPattern compile(String format) {
        requireNonNull(format, "format");
        Matcher m = VERB.matcher(format);
        List<Part> parts = new ArrayList<>();
        List<String> caller = new ArrayList<>();
        int prev = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            if (m.start() > prev) {
                parts.add(new Literal(format.substring(prev, m.start())));
            }
            String name = m.group(1);
            Verb verb;
            try {
                verb = Verb.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown verb %{" + name + "} (go-logging knows time, level, id, "
                        + "pid, program, module, message, longfile, shortfile, longpkg, shortpkg, longfunc, "
                        + "shortfunc, callpath, color)");
            }
            String layout = m.group(2);
            parts.add(part(verb, layout, m.group()));
            if (verb.caller() && !caller.contains(name)) {
                caller.add(name);
            }
            prev = m.end();
        }
        if (!any) {
            throw new IllegalArgumentException("has no %{verb} (go-logging refuses such a format: \"invalid log "
                    + "format\"), e.g. \"%{time:2006/01/02 15:04:05} %{level} %{message}\"");
        }
        if (prev < format.length()) {
            parts.add(new Literal(format.substring(prev)));
        }
        return new LogPattern(format, List.copyOf(parts), List.copyOf(caller));
    }

    private static Part part(Verb verb, String layout, String written) {
        switch (verb) {
            case TIME:
                return new Time(GoTimeLayout.compile(layout == null ? DEFAULT_TIME : layout));
            case COLOR:
                return new Color(layout == null ? "" : layout);
            case CALLPATH:
                return new Literal("???"); // its layout is a depth, of a Go call stack Tollgate has not
            case LONGFILE:
            case SHORTFILE:
                return value(verb, layout, written, "???:0");
            case LONGPKG:
            case SHORTPKG:
            case LONGFUNC:
            case SHORTFUNC:
                return value(verb, layout, written, "???");
            default:
                return value(verb, layout, written, null);
        }
    }

    /** Parses the Go fmt spec go-logging builds as {@code "%" + layout} (default {@code s}, or {@code d}). */
    private static Part value(Verb verb, String layout, String written, String constant) {
        String spec = layout == null ? (verb.numeric() ? "d" : "s") : layout;
        int i = 0;
        boolean minus = false;
        boolean zero = false;
        while (i < spec.length() && (spec.charAt(i) == '-' || spec.charAt(i) == '0')) {
            minus |= spec.charAt(i) == '-';
            zero |= spec.charAt(i) == '0';
            i++;
        }
        int width = -1;
        int start = i;
        while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
            i++;
        }
        if (i > start) {
            width = smallNumber(spec.substring(start, i), written);
        }
        int precision = -1;
        if (i < spec.length() && spec.charAt(i) == '.') {
            start = ++i;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            precision = i > start ? smallNumber(spec.substring(start, i), written) : 0;
        }
        if (i >= spec.length()) {
            throw new IllegalArgumentException(written + ": \"" + spec + "\" has no fmt verb (such as s or d)");
        }
        char conversion = spec.charAt(i);
        String suffix = spec.substring(i + 1);
        String allowed = verb.numeric() ? "dxXov" : "sv";
        if (allowed.indexOf(conversion) < 0) {
            throw new IllegalArgumentException(written + ": the fmt verb %" + conversion + " is not supported for "
                    + verb.name().toLowerCase(Locale.ROOT) + " (use " + String.join(" or ",
                    allowed.chars().mapToObj(c -> "%" + (char) c).toList()) + ")");
        }
        if (zero && !verb.numeric()) {
            throw new IllegalArgumentException(written + ": the 0 flag is only supported for id and pid");
        }
        if (suffix.indexOf('%') >= 0) {
            throw new IllegalArgumentException(written + ": one fmt verb per %{...}, got \"" + spec + "\"");
        }
        Value value = new Value(verb, minus, zero, width, precision, conversion, suffix);
        return constant == null ? value : new Literal(render(value, constant) + suffix);
    }

    private static int smallNumber(String digits, String written) {
        if (digits.length() > 3) {
            throw new IllegalArgumentException(written + ": a width or precision over 999");
        }
        return Integer.parseInt(digits);
    }

    /** The format as written in the config. */
    public String source() {
        return source;
    }

    /** The verbs used that name the Go caller, which Tollgate prints as go-logging's "unknown" text. */
    public List<String> callerVerbs() {
        return callerVerbs;
    }

    /** Appends one line (without its separator); {@code id} is go-logging's record sequence number. */
    void appendTo(StringBuilder b, long epochMillis, Log.Level level, String message, long id) {
        for (Part p : parts) {
            if (p instanceof Literal l) {
                b.append(l.text());
            } else if (p instanceof Time t) {
                t.layout().appendTo(b, Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
            } else if (p instanceof Color c) {
                b.append(switch (c.layout()) {
                    case "reset" -> RESET;
                    case "bold" -> color(level, true);
                    default -> color(level, false);
                });
            } else {
                Value v = (Value) p;
                switch (v.verb()) {
                    case ID -> b.append(number(v, id));
                    case PID -> b.append(number(v, PID));
                    case LEVEL -> b.append(render(v, level.name()));
                    case MODULE -> b.append(render(v, MODULE));
                    case PROGRAM -> b.append(render(v, PROGRAM));
                    default -> b.append(render(v, message));
                }
                b.append(v.suffix());
            }
        }
    }

    /** go-logging's colours by level (log_nix.go): INFO has none. */
    private static String color(Log.Level level, boolean bold) {
        int code = switch (level) {
            case ERROR -> 31;
            case WARNING -> 33;
            case DEBUG -> 36;
            default -> 0;
        };
        return code == 0 ? "" : "\033[" + code + (bold ? ";1m" : "m");
    }

    /** Go's %s with width and precision, both counted in runes. */
    private static String render(Value v, String s) {
        if (v.precision() >= 0 && s.codePointCount(0, s.length()) > v.precision()) {
            s = s.substring(0, s.offsetByCodePoints(0, v.precision()));
        }
        return pad(v, s, ' ');
    }

    private static String number(Value v, long n) {
        String digits = switch (v.conversion()) {
            case 'x' -> Long.toHexString(n);
            case 'X' -> Long.toHexString(n).toUpperCase(Locale.ROOT);
            case 'o' -> Long.toOctalString(n);
            default -> Long.toString(n);
        };
        if (v.precision() >= 0) {
            digits = "0".repeat(Math.max(0, v.precision() - digits.length())) + digits;
            return pad(v, digits, ' '); // Go ignores the 0 flag when a precision is given
        }
        return pad(v, digits, v.zero() && !v.minus() ? '0' : ' ');
    }

    private static String pad(Value v, String s, char with) {
        int missing = v.width() - s.codePointCount(0, s.length());
        if (missing <= 0) {
            return s;
        }
        String fill = String.valueOf(with).repeat(missing);
        return v.minus() ? s + fill : fill + s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogPattern other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
