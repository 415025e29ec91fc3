package dev.tollgate.core.data;

/**
 * Whether Go's {@code time.Parse(layout, value)} accepts a value, for the five layouts go-yaml tries
 * ({@link YamlScalars#isTimestamp}); Go's generic parser ({@code time/format.go}), which accepts all its RFC 3339
 * fast path does: {@code 15} takes one or two digits, {@code 01 02 04 05} exactly two, {@code 2006} four, a space
 * in the layout any run of spaces, a fraction after the seconds ({@code .} or {@code ,} and digits) even where the
 * layout has none, {@code Z07:00} either {@code Z} or {@code ±hh:mm} (hours up to 24, minutes up to 60); months,
 * hours, minutes, seconds and the day of the month (leap years too) in range; nothing left over.
 */
final class GoTimeParse {
    private static final char YEAR = 'Y';
    private static final char MONTH = 'M';
    private static final char DAY = 'D';
    private static final char HOUR = 'h';
    private static final char MINUTE2 = 'm';
    private static final char MINUTE1 = 'n';
    private static final char SECOND = 's';
    private static final char FRACTION = 'f';
    private static final char ZONE = 'z';

    private GoTimeParse() {
    }

    /** One of go-yaml's layouts, by Go's reference text. */
    static boolean matches(String layout, String value) {
        String program = switch (layout) {
            case "2006-01-02T15:04:05.999999999Z07:00" -> "Y-M-DTh:m:sfz";
            case "2006-01-02t15:04:05.999999999Z07:00" -> "Y-M-Dth:m:sfz";
            case "2006-01-02 15:04:05" -> "Y-M-D h:m:s";
            case "2006-01-02" -> "Y-M-D";
            case "15:4" -> "h:n";
            default -> throw new IllegalArgumentException("layout: " + layout);
        };
        return run(program, value);
    }

    private static boolean run(String program, String v) {
        int year = 0;
        int month = 1;
        int day = 1;
        int at = 0;
        int n = v.length();
        for (int p = 0; p < program.length(); p++) {
            char op = program.charAt(p);
            switch (op) {
                case YEAR -> {
                    if (n - at < 4) {
                        return false;
                    }
                    for (int i = at; i < at + 4; i++) {
                        if (!digit(v, i)) {
                            return false;
                        }
                    }
                    year = Integer.parseInt(v.substring(at, at + 4));
                    at += 4;
                }
                case MONTH, DAY, MINUTE2, SECOND, HOUR, MINUTE1 -> {
                    boolean fixed = op != HOUR && op != MINUTE1;
                    if (!digit(v, at)) {
                        return false;
                    }
                    int x = v.charAt(at) - '0';
                    if (digit(v, at + 1)) {
                        x = x * 10 + v.charAt(at + 1) - '0';
                        at += 2;
                    } else if (fixed) {
                        return false;
                    } else {
                        at += 1;
                    }
                    switch (op) {
                        case MONTH -> {
                            if (x < 1 || x > 12) {
                                return false;
                            }
                            month = x;
                        }
                        case DAY -> day = x;
                        case HOUR -> {
                            if (x >= 24) {
                                return false;
                            }
                        }
                        default -> {
                            if (x >= 60) {
                                return false;
                            }
                        }
                    }
                    // a fraction after the seconds is taken even when the layout has none
                    if (op == SECOND && (p + 1 >= program.length() || program.charAt(p + 1) != FRACTION)) {
                        at = fraction(v, at);
                    }
                }
                case FRACTION -> at = fraction(v, at);
                case ZONE -> {
                    if (at < n && v.charAt(at) == 'Z') {
                        at++;
                    } else {
                        if (n - at < 6 || v.charAt(at + 3) != ':' || !digit(v, at + 1) || !digit(v, at + 2)
                                || !digit(v, at + 4) || !digit(v, at + 5)) {
                            return false;
                        }
                        int hr = (v.charAt(at + 1) - '0') * 10 + v.charAt(at + 2) - '0';
                        int mm = (v.charAt(at + 4) - '0') * 10 + v.charAt(at + 5) - '0';
                        char sign = v.charAt(at);
                        if (hr > 24 || mm > 60 || sign != '+' && sign != '-') {
                            return false;
                        }
                        at += 6;
                    }
                }
                case ' ' -> {
                    if (at < n && v.charAt(at) != ' ') {
                        return false;
                    }
                    while (at < n && v.charAt(at) == ' ') {
                        at++;
                    }
                }
                default -> {
                    if (at >= n || v.charAt(at) != op) {
                        return false;
                    }
                    at++;
                }
            }
        }
        return at == n && day >= 1 && day <= daysIn(month, year);
    }

    /** {@code .} or {@code ,} followed by at least one digit: all the digits; else nothing. */
    private static int fraction(String v, int at) {
        if (at + 1 < v.length() && (v.charAt(at) == '.' || v.charAt(at) == ',') && digit(v, at + 1)) {
            at += 2;
            while (digit(v, at)) {
                at++;
            }
        }
        return at;
    }

    private static boolean digit(String v, int i) {
        return i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9';
    }

    private static int daysIn(int month, int year) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
