package dev.tollgate.core.data;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Go's text primitives that KrakenD's XML and YAML renders (and gin's access line) rely on: a string's UTF-8 bytes (a lone surrogate, which
 * Go's JSON decoder would have made U+FFFD already, as U+FFFD), {@code strconv.Quote} and {@code fmt}'s {@code %v}
 * of a decoded value.
 */
public final class GoText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoText() {
    }

    /** {@code s} as UTF-8, a lone surrogate as U+FFFD. */
    static byte[] utf8(CharSequence s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
        for (int i = 0, n = s.length(); i < n; i++) {
            int c = s.charAt(i);
            if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                c = Character.toCodePoint((char) c, s.charAt(++i));
            } else if (Character.isSurrogate((char) c)) {
                c = 0xFFFD;
            }
            if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.write(0xF0 | (c >> 18));
                out.write(0x80 | ((c >> 12) & 0x3F));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        return out.toByteArray();
    }

    /**
     * Go's {@code strconv.Quote}: {@code "} and backslash escaped, printable runes as they are, {@code \a \b \f \n \r
     * \t \v}, other ASCII controls as {@code \xHH}, other non-printable runes as {@code \\uHHHH} or
     * {@code \UHHHHHHHH} (lower-case hex). "Printable" is Go's {@code unicode.IsPrint} (letters, marks, numbers,
     * punctuation, symbols and the ASCII space), read from the JDK's Unicode tables, which may lag Go's by a version
     * for newly assigned characters.
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isSurrogate((char) cp)) {
                cp = 0xFFFD;
            }
            quoteRune(b, cp);
        }
        return b.append('"').toString();
    }

    /**
     * As {@link #quote(String)}, of raw bytes as Go's strconv.Quote takes a string's bytes: valid UTF-8 runes as
     * above, every byte of an invalid sequence as {@code \xHH} (a request path percent-decoded to bytes that are not
     * UTF-8, for the access log).
     */
    public static void quote(StringBuilder b, byte[] s) {
        b.append('"');
        int i = 0;
        while (i < s.length) {
            int c = s[i] & 0xff;
            int cp = -1;
            int len = 1;
            if (c < 0x80) {
                cp = c;
            } else if (c >= 0xc2 && c < 0xe0 && i + 1 < s.length && cont(s[i + 1])) {
                cp = (c & 0x1f) << 6 | s[i + 1] & 0x3f;
                len = 2;
            } else if (c >= 0xe0 && c < 0xf0 && i + 2 < s.length && cont(s[i + 1]) && cont(s[i + 2])) {
                int v = (c & 0x0f) << 12 | (s[i + 1] & 0x3f) << 6 | s[i + 2] & 0x3f;
                if (v >= 0x800 && (v < 0xd800 || v >= 0xe000)) {
                    cp = v;
                    len = 3;
                }
            } else if (c >= 0xf0 && c < 0xf5 && i + 3 < s.length && cont(s[i + 1]) && cont(s[i + 2])
                    && cont(s[i + 3])) {
                int v = (c & 0x07) << 18 | (s[i + 1] & 0x3f) << 12 | (s[i + 2] & 0x3f) << 6 | s[i + 3] & 0x3f;
                if (v >= 0x10000 && v <= 0x10ffff) {
                    cp = v;
                    len = 4;
                }
            }
            if (cp < 0) {
                b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                i++;
            } else {
                quoteRune(b, cp);
                i += len;
            }
        }
        b.append('"');
    }

    private static boolean cont(byte b) {
        return (b & 0xc0) == 0x80;
    }

    private static void quoteRune(StringBuilder b, int cp) {
        if (cp == '"' || cp == '\\') {
            b.append('\\').append((char) cp);
        } else if (isPrint(cp)) {
            b.appendCodePoint(cp);
        } else {
            switch (cp) {
                case 0x07 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x0B -> b.append("\\v");
                default -> {
                    if (cp < ' ' || cp == 0x7F) {
                        b.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xF]);
                    } else if (cp < 0x10000) {
                        b.append("\\u");
                        hex(b, cp, 4);
                    } else {
                        b.append("\\U");
                        hex(b, cp, 8);
                    }
                }
            }
        }
    }

    private static void hex(StringBuilder b, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            b.append(HEX[(v >> shift) & 0xF]);
        }
    }

    /** Go's {@code unicode.IsPrint}. */
    static boolean isPrint(int cp) {
        if (cp < 0x80) {
            return cp >= 0x20 && cp < 0x7F;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /**
     * {@code fmt.Sprint("%v", v)} of a decoded value: a map as {@code map[k:v ...]} with sorted keys, a slice as
     * {@code [a b]}, nil as {@code <nil>}, a number as its text.
     */
    @SuppressWarnings("unchecked")
    static void formatV(StringBuilder b, Object v) {
        if (v == null) {
            b.append("<nil>");
        } else if (v instanceof Map<?, ?> m) {
            String[] keys = m.keySet().toArray(new String[0]);
            Arrays.sort(keys, DataWriter.GO_KEY_ORDER);
            b.append("map[");
            for (int i = 0; i < keys.length; i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(keys[i]).append(':');
                formatV(b, ((Map<String, Object>) m).get(keys[i]));
            }
            b.append(']');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(' ');
                }
                formatV(b, l.get(i));
            }
            b.append(']');
        } else {
            b.append(v); // String, RawNumber (its text), Boolean (true/false)
        }
    }
}
