package dev.tollgate.core.log;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Go time layout ({@code 2006-01-02T15:04:05.999Z07:00}), compiled once into chunks and applied as Go's
 * {@code time.Format} applies it ({@code time/format.go}, {@code nextStdChunk}): the reference-time tokens
 * {@code 2006 06 Jan January 01 1 Mon Monday 02 _2 2 __2 002 15 03 3 04 4 05 5 PM pm MST}, the zones
 * {@code -0700 -07:00 -07 -070000 -07:00:00} and their {@code Z} forms (which print {@code Z} for UTC), and
 * fractional seconds {@code .000} (kept) or {@code .999} (trailing zeros trimmed), also after a comma; every other
 * byte is literal. go-logging's {@code %{time:LAYOUT}} and the syslog line's {@code time.Stamp} use it.
 */
final class GoTimeLayout {
    private static final int LONG_YEAR = 1;
    private static final int YEAR = 2;
    private static final int MONTH = 3;
    private static final int LONG_MONTH = 4;
    private static final int NUM_MONTH = 5;
    private static final int ZERO_MONTH = 6;
    private static final int WEEKDAY = 7;
    private static final int LONG_WEEKDAY = 8;
    private static final int DAY = 9;
    private static final int UNDER_DAY = 10;
    private static final int ZERO_DAY = 11;
    private static final int UNDER_YEAR_DAY = 12;
    private static final int ZERO_YEAR_DAY = 13;
    private static final int HOUR = 14;
    private static final int HOUR12 = 15;
    private static final int ZERO_HOUR12 = 16;
    private static final int MINUTE = 17;
    private static final int ZERO_MINUTE = 18;
    private static final int SECOND = 19;
    private static final int ZERO_SECOND = 20;
    private static final int PM = 21;
    private static final int LOWER_PM = 22;
    private static final int TZ_NAME = 23;
    /** Zones: Z prints "Z" at offset 0; colon and seconds say the shape. */
    private static final int ZONE = 24;
    private static final int FRACTION = 25;

    /** One chunk: a literal, or a token with its arguments (zone shape, fraction digits and separator). */
    private record Chunk(int token, String literal, boolean isoZ, boolean colon, boolean minutes, boolean seconds,
                         int digits, boolean trim, char separator) {
        static Chunk literal(String s) {
            return new Chunk(0, s, false, false, false, false, 0, false, '.');
        }

        static Chunk of(int token) {
            return new Chunk(token, null, false, false, false, false, 0, false, '.');
        }
    }

    private final String layout;
    private final List<Chunk> chunks;

    private GoTimeLayout(String layout, List<Chunk> chunks) {
        this.layout = layout;
        this.chunks = chunks;
    }

    static GoTimeLayout compile(String layout) {
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int n = layout.length();
        while (i < n) {
            int[] found = new int[1];
            Chunk c = token(layout, i, found);
            if (c == null) {
                literal.append(layout.charAt(i++));
                continue;
            }
            if (c.literal() != null) { // "_2006": a literal underscore before the year
                literal.append(c.literal());
                c = Chunk.of(LONG_YEAR);
            }
            if (literal.length() > 0) {
                chunks.add(Chunk.literal(literal.toString()));
                literal.setLength(0);
            }
            chunks.add(c);
            i += found[0];
        }
        if (literal.length() > 0) {
            chunks.add(Chunk.literal(literal.toString()));
        }
        return new GoTimeLayout(layout, List.copyOf(chunks));
    }

    /** The token starting at {@code i} (its length in {@code length[0]}), or null for a literal byte. */
    private static Chunk token(String s, int i, int[] length) {
        char c = s.charAt(i);
        switch (c) {
            case 'J':
                if (s.startsWith("January", i)) {
                    return found(length, 7, LONG_MONTH);
                }
                if (s.startsWith("Jan", i) && !lowerAt(s, i + 3)) {
                    return found(length, 3, MONTH);
                }
                return null;
            case 'M':
                if (s.startsWith("Monday", i)) {
                    return found(length, 6, LONG_WEEKDAY);
                }
                if (s.startsWith("Mon", i) && !lowerAt(s, i + 3)) {
                    return found(length, 3, WEEKDAY);
                }
                return s.startsWith("MST", i) ? found(length, 3, TZ_NAME) : null;
            case '0':
                if (i + 1 < s.length() && s.charAt(i + 1) >= '1' && s.charAt(i + 1) <= '6') {
                    int[] std0x = {ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND, YEAR};
                    return found(length, 2, std0x[s.charAt(i + 1) - '1']);
                }
                return s.startsWith("002", i) ? found(length, 3, ZERO_YEAR_DAY) : null;
            case '1':
                return s.startsWith("15", i) ? found(length, 2, HOUR) : found(length, 1, NUM_MONTH);
            case '2':
                return s.startsWith("2006", i) ? found(length, 4, LONG_YEAR) : found(length, 1, DAY);
            case '_':
                if (s.startsWith("_2", i)) {
                    if (s.startsWith("_2006", i)) {
                        length[0] = 5;
                        return new Chunk(LONG_YEAR, "_", false, false, false, false, 0, false, '.');
                    }
                    return found(length, 2, UNDER_DAY);
                }
                return s.startsWith("__2", i) ? found(length, 3, UNDER_YEAR_DAY) : null;
            case '3':
                return found(length, 1, HOUR12);
            case '4':
                return found(length, 1, MINUTE);
            case '5':
                return found(length, 1, SECOND);
            case 'P':
                return s.startsWith("PM", i) ? found(length, 2, PM) : null;
            case 'p':
                return s.startsWith("pm", i) ? found(length, 2, LOWER_PM) : null;
            case '-':
            case 'Z':
                return zone(s, i, c == 'Z', length);
            case '.':
            case ',':
                return fraction(s, i, c, length);
            default:
                return null;
        }
    }

    private static Chunk zone(String s, int i, boolean iso, int[] length) {
        String sign = iso ? "Z" : "-";
        // Go's order: 070000, 07:00:00, 0700, 07:00, 07
        String[] shapes = {"070000", "07:00:00", "0700", "07:00", "07"};
        for (String shape : shapes) {
            if (s.startsWith(sign + shape, i)) {
                length[0] = 1 + shape.length();
                boolean colon = shape.contains(":");
                boolean minutes = shape.length() > 2;
                boolean seconds = shape.length() >= 6;
                return new Chunk(ZONE, null, iso, colon, minutes, seconds, 0, false, '.');
            }
        }
        return null;
    }

    private static Chunk fraction(String s, int i, char separator, int[] length) {
        if (i + 1 >= s.length() || (s.charAt(i + 1) != '0' && s.charAt(i + 1) != '9')) {
            return null;
        }
        char digit = s.charAt(i + 1);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) == digit) {
            j++;
        }
        if (j < s.length() && Character.isDigit(s.charAt(j))) {
            return null; // only a run of one digit that ends here is a fraction
        }
        length[0] = j - i;
        return new Chunk(FRACTION, null, false, false, false, false, j - (i + 1), digit == '9', separator);
    }

    private static Chunk found(int[] length, int n, int token) {
        length[0] = n;
        return Chunk.of(token);
    }

    private static boolean lowerAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }

    /** Appends {@code t} as Go formats it with this layout. */
    void appendTo(StringBuilder b, ZonedDateTime t) {
        for (Chunk c : chunks) {
            switch (c.token()) {
                case 0 -> b.append(c.literal());
                case LONG_YEAR -> pad(b, t.getYear(), 4, '0');
                case YEAR -> pad(b, Math.abs(t.getYear()) % 100, 2, '0');
                case MONTH -> b.append(english(t.getMonth().name()), 0, 3);
                case LONG_MONTH -> b.append(english(t.getMonth().name()));
                case NUM_MONTH -> b.append(t.getMonthValue());
                case ZERO_MONTH -> pad(b, t.getMonthValue(), 2, '0');
                case WEEKDAY -> b.append(english(t.getDayOfWeek().name()), 0, 3);
                case LONG_WEEKDAY -> b.append(english(t.getDayOfWeek().name()));
                case DAY -> b.append(t.getDayOfMonth());
                case UNDER_DAY -> pad(b, t.getDayOfMonth(), 2, ' ');
                case ZERO_DAY -> pad(b, t.getDayOfMonth(), 2, '0');
                case UNDER_YEAR_DAY -> pad(b, t.getDayOfYear(), 3, ' ');
                case ZERO_YEAR_DAY -> pad(b, t.getDayOfYear(), 3, '0');
                case HOUR -> pad(b, t.getHour(), 2, '0');
                case HOUR12 -> b.append(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
                case ZERO_HOUR12 -> pad(b, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, '0');
                case MINUTE -> b.append(t.getMinute());
                case ZERO_MINUTE -> pad(b, t.getMinute(), 2, '0');
                case SECOND -> b.append(t.getSecond());
                case ZERO_SECOND -> pad(b, t.getSecond(), 2, '0');
                case PM -> b.append(t.getHour() >= 12 ? "PM" : "AM");
                case LOWER_PM -> b.append(t.getHour() >= 12 ? "pm" : "am");
                case TZ_NAME -> zoneName(b, t);
                case ZONE -> zone(b, c, t.getOffset().getTotalSeconds());
                case FRACTION -> fraction(b, c, t.getNano());
                default -> throw new IllegalStateException("token " + c.token());
            }
        }
    }

    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);
    private static final Chunk NUMERIC_ZONE = new Chunk(ZONE, null, false, false, true, false, 0, false, '.');

    /** Go prints the zone's abbreviation; a zone with none (a bare offset) as -0700, and UTC as "UTC". */
    private static void zoneName(StringBuilder b, ZonedDateTime t) {
        if (t.getZone() instanceof ZoneOffset offset) {
            if (offset.getTotalSeconds() == 0) {
                b.append("UTC");
            } else {
                zone(b, NUMERIC_ZONE, offset.getTotalSeconds());
            }
            return;
        }
        b.append(ZONE_NAME.format(t));
    }

    private static void zone(StringBuilder b, Chunk c, int offsetSeconds) {
        if (c.isoZ() && offsetSeconds == 0) {
            b.append('Z');
            return;
        }
        b.append(offsetSeconds < 0 ? '-' : '+');
        int abs = Math.abs(offsetSeconds);
        pad(b, abs / 3600, 2, '0');
        if (c.minutes()) {
            if (c.colon()) {
                b.append(':');
            }
            pad(b, abs / 60 % 60, 2, '0');
        }
        if (c.seconds()) {
            if (c.colon()) {
                b.append(':');
            }
            pad(b, abs % 60, 2, '0');
        }
    }

    /** Go's appendNano: {@code .000} keeps every digit; {@code .999} trims zeros, and prints nothing for none. */
    private static void fraction(StringBuilder b, Chunk c, int nanos) {
        if (c.trim() && nanos == 0) {
            return;
        }
        String digits = String.format("%09d", nanos).substring(0, Math.min(9, c.digits()));
        if (c.trim()) {
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '0') {
                end--;
            }
            digits = digits.substring(0, end);
            if (digits.isEmpty()) {
                return;
            }
        }
        b.append(c.separator()).append(digits);
    }

    /** Go's names are English whatever the locale: the enum's name, capitalised (FEBRUARY is February). */
    private static String english(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    private static void pad(StringBuilder b, int v, int width, char with) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append(with);
        }
        b.append(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoTimeLayout other && other.layout.equals(layout);
    }

    @Override
    public int hashCode() {
        return layout.hashCode();
    }

    @Override
    public String toString() {
        return layout;
    }
}
