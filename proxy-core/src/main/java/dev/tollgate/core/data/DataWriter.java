package dev.tollgate.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@link dev.tollgate.core.data} model as gin's {@code c.JSON} does ({@code json.Marshal}): object keys
 * sorted by their UTF-8 bytes, no spaces, no trailing newline, {@code <}, {@code >} and {@code &} escaped as
 * backslash-u003c, -u003e and -u0026 (Marshal's HTML escaping), U+2028 and U+2029 escaped, control
 * characters as {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} or backslash-u00XX, and a lone surrogate
 * (which Go's decoder would have made U+FFFD already) as U+FFFD. Numbers are written as the backend wrote them.
 *
 * <p>One growing array per answer; {@link #toByteArray} or {@link #array}/{@link #length} hand it on.
 */
public final class DataWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** For ASCII: 0 written as is, 1 a short escape, 2 a backslash-u00XX escape. */
    private static final byte[] ASCII = new byte[128];
    /**
     * Go orders map keys by their bytes, which is code point order; Java's {@code compareTo} orders UTF-16 units,
     * which differs only between a surrogate (a code point above U+FFFF) and U+E000..U+FFFF.
     */
    static final Comparator<String> GO_KEY_ORDER = DataWriter::compareCodePoints;

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII[c] = 2;
        }
        for (char c : new char[] {'\n', '\r', '\t', '\b', '\f', '"', '\\'}) {
            ASCII[c] = 1;
        }
        for (char c : new char[] {'<', '>', '&'}) {
            ASCII[c] = 2;
        }
    }

    private byte[] buf;
    private int len;

    public DataWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** {@code value} as Go's json.Marshal writes it. */
    public static byte[] write(Object value) {
        DataWriter w = new DataWriter(256);
        w.value(value);
        return w.toByteArray();
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** The written bytes are {@code array()[0..length())}; the array is not copied. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return len;
    }

    @SuppressWarnings("unchecked")
    public DataWriter value(Object v) {
        if (v == null) {
            raw(NULL);
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Map<?, ?> m) {
            object((Map<String, Object>) m);
        } else if (v instanceof List<?> l) {
            array((List<Object>) l);
        } else if (v instanceof RawNumber n) {
            ascii(n.text());
        } else if (v instanceof Boolean b) {
            raw(b ? TRUE : FALSE);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
        }
        return this;
    }

    private void object(Map<String, Object> m) {
        int n = m.size();
        if (n == 0) {
            ensure(2);
            buf[len++] = '{';
            buf[len++] = '}';
            return;
        }
        String[] keys = m.keySet().toArray(new String[n]);
        if (n > 1) {
            Arrays.sort(keys, GO_KEY_ORDER);
        }
        put('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                put(',');
            }
            string(keys[i]);
            put(':');
            value(m.get(keys[i]));
        }
        put('}');
    }

    private void array(List<Object> l) {
        put('[');
        for (int i = 0, n = l.size(); i < n; i++) {
            if (i > 0) {
                put(',');
            }
            value(l.get(i));
        }
        put(']');
    }

    private void string(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        // Invariant: there is room for every char left as one byte plus the closing quote; a char that takes
        // more (an escape, a multi-byte sequence) reserves its extra first, so plain ASCII needs no check.
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte kind = ASCII[c];
                if (kind == 0) {
                    buf[len++] = (byte) c;
                } else if (kind == 1) {
                    ensure(n - i + 2);
                    shortEscape(c);
                } else {
                    ensure(n - i + 6);
                    unicodeEscape(c);
                }
            } else if (c < 0x800) {
                ensure(n - i + 2);
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                ensure(n - i + 4);
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[len++] = (byte) (0xF0 | (cp >> 18));
                    buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    threeBytes('\uFFFD');
                }
            } else if (c == '\u2028' || c == '\u2029') {
                ensure(n - i + 6);
                unicodeEscape(c);
            } else {
                ensure(n - i + 3);
                threeBytes(c);
            }
        }
        buf[len++] = '"';
    }

    private void threeBytes(char c) {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
    }

    private void shortEscape(char c) {
        char e = switch (c) {
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> c; // '"' and '\\'
        };
        buf[len++] = '\\';
        buf[len++] = (byte) e;
    }

    private void unicodeEscape(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xF];
        buf[len++] = HEX[(c >> 8) & 0xF];
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
    }

    /** A number's text, ASCII by the JSON grammar. */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    /** Appends bytes as they are (a rendered text body, not JSON). */
    public void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length + (buf.length >> 1), len + more));
        }
    }

    private static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy && (sx ? y : x) >= 0xE000) {
                    return sx ? 1 : -1; // the surrogate half is a code point above U+FFFF: it sorts last
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
