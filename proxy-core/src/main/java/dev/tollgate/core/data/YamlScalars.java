package dev.tollgate.core.data;

import java.util.Set;

/**
 * When goccy/go-yaml v1.19.2 quotes a string: {@code token.IsNeedQuoted} ({@code token/token.go}), with its
 * {@code isNumber} (Go's {@code strconv} number syntax after go-yaml's own prefix and underscore handling; a number
 * out of range counts) and {@code isTimestamp} ({@code time.Parse} with RFC 3339 with fractions, its lower-case
 * {@code t} variant, {@code 2006-01-02 15:04:05}, {@code 2006-01-02} and {@code 15:4}, each checked as Go's
 * {@code time.Parse} checks: field widths, ranges, days of the month).
 */
final class YamlScalars {
    /** reservedEncKeywordMap: YAML 1.2 null and bool words plus YAML 1.1's yes/no/on/off family. */
    private static final Set<String> RESERVED = Set.of("null", "Null", "NULL", "~", "true", "True", "TRUE",
            "false", "False", "FALSE", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON",
            "off", "Off", "OFF");
    private static final String[] TIME_LAYOUTS = {"2006-01-02T15:04:05.999999999Z07:00",
        "2006-01-02t15:04:05.999999999Z07:00", "2006-01-02 15:04:05", "2006-01-02", "15:4"};

    private YamlScalars() {
    }

    static boolean needsQuotes(String v) {
        if (v.isEmpty() || RESERVED.contains(v) || isNumber(v) || v.equals("-")) {
            return true;
        }
        switch (v.charAt(0)) {
            case '*', '&', '[', '{', '}', ']', ',', '!', '|', '>', '%', '\'', '"', '@', ' ', '`' -> {
                return true;
            }
            default -> {
            }
        }
        char last = v.charAt(v.length() - 1);
        if (last == ':' || last == ' ') {
            return true;
        }
        if (isTimestamp(v)) {
            return true;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '#' || c == '\\') {
                return true;
            }
            if ((c == ':' || c == '-') && i + 1 < v.length() && v.charAt(i + 1) == ' ') {
                return true;
            }
        }
        return false;
    }

    /** go-yaml's toNumber, where a syntax error is "no" and a range error is "yes". */
    static boolean isNumber(String value) {
        if (value.isEmpty() || value.startsWith("_")) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '.') {
                dots++;
            }
        }
        if (dots > 1) {
            return false;
        }
        boolean negative = value.startsWith("-");
        String normalized = value.startsWith("+") ? value.substring(1) : value;
        normalized = (normalized.startsWith("-") ? normalized.substring(1) : normalized).replace("_", "");
        int base;
        boolean isFloat = false;
        if (normalized.startsWith("0x")) {
            normalized = normalized.substring(2);
            base = 16;
        } else if (normalized.startsWith("0o")) {
            normalized = normalized.substring(2);
            base = 8;
        } else if (normalized.startsWith("0b")) {
            normalized = normalized.substring(2);
            base = 2;
        } else if (normalized.startsWith("0") && normalized.length() > 1 && dots == 0) {
            base = 8;
        } else if (dots == 1) {
            base = 10;
            isFloat = true;
        } else {
            base = 10;
        }
        String text = negative ? "-" + normalized : normalized;
        if (isFloat) {
            return isGoFloat(text);
        }
        // ParseInt takes one sign, ParseUint none; then digits of the base, at least one
        String digits = negative ? text.substring(1) : text;
        if (negative && (digits.startsWith("+") || digits.startsWith("-"))) {
            return false;
        }
        if (digits.isEmpty()) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), base) < 0 || digits.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    /** strconv.ParseFloat's syntax (underscores are gone already; "inf" and "nan" cannot have go-yaml's dot). */
    private static boolean isGoFloat(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        boolean hex = false;
        if (i + 2 <= n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            hex = true;
            i += 2;
        }
        boolean sawDigits = false;
        boolean sawDot = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (sawDot) {
                    return false;
                }
                sawDot = true;
            } else if (c >= '0' && c <= '9' || hex && Character.digit(c, 16) >= 0 && c < 0x80) {
                sawDigits = true;
            } else {
                break;
            }
        }
        if (!sawDigits) {
            return false;
        }
        if (i < n && (hex ? (s.charAt(i) == 'p' || s.charAt(i) == 'P') : (s.charAt(i) == 'e' || s.charAt(i) == 'E'))) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
        } else if (hex) {
            return false; // a hexadecimal mantissa requires a 'p' exponent
        }
        return i == n;
    }

    static boolean isTimestamp(String value) {
        for (String layout : TIME_LAYOUTS) {
            if (GoTimeParse.matches(layout, value)) {
                return true;
            }
        }
        return false;
    }
}
