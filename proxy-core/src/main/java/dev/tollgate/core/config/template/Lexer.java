package dev.tollgate.core.config.template;

import dev.tollgate.core.config.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into text and action tokens as Go's text/template lexer does: actions between {@code {{} and
 * {@code }}}, {@code {{- } and {@code  -}}} (the dash next to a space) trimming the whitespace around them,
 * {@code {{/* ... * /}}} comments dropped, and inside an action identifiers, {@code .field}s, {@code $variable}s,
 * strings ({@code "..."} with Go escapes or {@code `raw`}), numbers, {@code |}, parentheses, {@code :=} and
 * {@code =}. Character constants and complex numbers are refused with their position.
 */
final class Lexer {
    private final String file;
    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    static List<Token> lex(String file, String src) throws TemplateException {
        Lexer l = new Lexer(file, src);
        l.run();
        return l.tokens;
    }

    private void run() throws TemplateException {
        boolean trimNext = false;
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            int textEnd = open < 0 ? src.length() : open;
            int textLine = line;
            int textCol = col();
            String text = src.substring(pos, textEnd);
            advanceTo(textEnd);
            if (trimNext) {
                text = stripLeading(text);
            }
            boolean trimLeft = open >= 0 && src.startsWith("-", open + 2) && open + 3 < src.length()
                    && isSpace(src.charAt(open + 3));
            if (trimLeft) {
                text = stripTrailing(text);
            }
            if (!text.isEmpty()) {
                tokens.add(new Token(Kind.TEXT, text, textLine, textCol, false));
            }
            if (open < 0) {
                break;
            }
            trimNext = action(trimLeft);
        }
        tokens.add(new Token(Kind.EOF, "", line, col(), true));
    }

    /** Lexes one action starting at {@code {{}; returns whether it ends with {@code  -}}}. */
    private boolean action(boolean trimLeft) throws TemplateException {
        int startLine = line;
        int startCol = col();
        advanceTo(pos + (trimLeft ? 3 : 2));
        skipSpaces();
        if (src.startsWith("/*", pos)) {
            int close = src.indexOf("*/", pos + 2);
            if (close < 0) {
                throw error(startLine, startCol, "unclosed comment");
            }
            advanceTo(close + 2);
            if (src.startsWith("}}", pos)) {
                advanceTo(pos + 2);
                return false;
            }
            if (src.startsWith(" -}}", pos)) {
                advanceTo(pos + 4);
                return true;
            }
            throw error(line, col(), "comment ends before closing delimiter (Go wants */}} or */ -}})");
        }
        tokens.add(new Token(Kind.LEFT, "{{", startLine, startCol, true));
        boolean space = true;
        while (true) {
            if (pos >= src.length()) {
                throw error(startLine, startCol, "unclosed action");
            }
            char c = src.charAt(pos);
            if (isSpace(c)) {
                if (src.startsWith("-}}", pos + 1)) {
                    tokens.add(new Token(Kind.RIGHT, "}}", line, col(), true));
                    advanceTo(pos + 4);
                    return true;
                }
                advanceTo(pos + 1);
                space = true;
                continue;
            }
            if (src.startsWith("}}", pos)) {
                tokens.add(new Token(Kind.RIGHT, "}}", line, col(), space));
                advanceTo(pos + 2);
                return false;
            }
            int tl = line;
            int tc = col();
            int start = pos;
            Kind kind;
            if (c == '|') {
                kind = Kind.PIPE;
                advanceTo(pos + 1);
            } else if (c == '(') {
                kind = Kind.LPAREN;
                advanceTo(pos + 1);
            } else if (c == ')') {
                kind = Kind.RPAREN;
                advanceTo(pos + 1);
            } else if (c == ',') {
                kind = Kind.COMMA;
                advanceTo(pos + 1);
            } else if (src.startsWith(":=", pos)) {
                kind = Kind.DECLARE;
                advanceTo(pos + 2);
            } else if (c == '=') {
                kind = Kind.ASSIGN;
                advanceTo(pos + 1);
            } else if (c == '"') {
                tokens.add(new Token(Kind.STRING, quoted(tl, tc), tl, tc, space));
                space = false;
                continue;
            } else if (c == '`') {
                int close = src.indexOf('`', pos + 1);
                if (close < 0) {
                    throw error(tl, tc, "unterminated raw quoted string");
                }
                String raw = src.substring(pos + 1, close);
                advanceTo(close + 1);
                tokens.add(new Token(Kind.STRING, raw, tl, tc, space));
                space = false;
                continue;
            } else if (c == '.' && pos + 1 < src.length() && isIdent(src.charAt(pos + 1))) {
                advanceTo(pos + 1);
                int s = pos;
                while (pos < src.length() && isIdent(src.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Kind.FIELD, src.substring(s, pos), tl, tc, space));
                space = false;
                continue;
            } else if (c == '.' && !(pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                kind = Kind.DOT;
                advanceTo(pos + 1);
            } else if (c == '$') {
                pos++;
                while (pos < src.length() && isIdent(src.charAt(pos))) {
                    pos++;
                }
                kind = Kind.VARIABLE;
            } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && pos + 1 < src.length()
                    && (Character.isDigit(src.charAt(pos + 1)) || src.charAt(pos + 1) == '.'))) {
                pos++;
                while (pos < src.length() && (isIdent(src.charAt(pos)) || src.charAt(pos) == '.'
                        || ((src.charAt(pos) == '-' || src.charAt(pos) == '+')
                        && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')))) {
                    pos++;
                }
                kind = Kind.NUMBER;
            } else if (isIdent(c)) {
                while (pos < src.length() && isIdent(src.charAt(pos))) {
                    pos++;
                }
                kind = Kind.IDENT;
            } else if (c == '\'') {
                throw error(tl, tc, "character constants are not supported by Tollgate's flexible config");
            } else {
                throw error(tl, tc, "unexpected " + quote(c) + " in action");
            }
            tokens.add(new Token(kind, src.substring(start, pos), tl, tc, space));
            space = false;
        }
    }

    /** A Go interpreted string literal ({@code strconv.Unquote}). */
    private String quoted(int tl, int tc) throws TemplateException {
        StringBuilder sb = new StringBuilder();
        int i = pos + 1;
        while (true) {
            if (i >= src.length() || src.charAt(i) == '\n') {
                throw error(tl, tc, "unterminated quoted string");
            }
            char c = src.charAt(i);
            if (c == '"') {
                advanceTo(i + 1);
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 >= src.length()) {
                throw error(tl, tc, "unterminated quoted string");
            }
            char e = src.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '\\', '"' -> sb.append(e);
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int cp = hex(i, n, tl, tc);
                    if (e == 'x') {
                        sb.append((char) cp); // a byte in Go; bytes above 0x7f are rare in configs
                    } else {
                        sb.appendCodePoint(cp);
                    }
                    i += n;
                }
                default -> {
                    if (e >= '0' && e <= '7' && i + 1 < src.length()) {
                        sb.append((char) Integer.parseInt(src.substring(i - 1, i + 2), 8));
                        i += 2;
                    } else {
                        throw error(tl, tc, "invalid escape \\" + e + " in quoted string");
                    }
                }
            }
        }
    }

    private int hex(int at, int n, int tl, int tc) throws TemplateException {
        if (at + n > src.length()) {
            throw error(tl, tc, "invalid escape in quoted string");
        }
        try {
            return Integer.parseInt(src.substring(at, at + n), 16);
        } catch (NumberFormatException e) {
            throw error(tl, tc, "invalid escape in quoted string");
        }
    }

    private void skipSpaces() {
        while (pos < src.length() && isSpace(src.charAt(pos))) {
            advanceTo(pos + 1);
        }
    }

    /** Moves to {@code to}, counting lines on the way. */
    private void advanceTo(int to) {
        for (int i = pos; i < to && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        pos = to;
    }

    private int col() {
        return pos - lineStart + 1;
    }

    private TemplateException error(int l, int c, String message) {
        return new TemplateException(file, l, c, message);
    }

    private static String quote(char c) {
        return "'" + c + "'";
    }

    /** Go's trim markers remove spaces, tabs, carriage returns and newlines. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isIdent(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && isSpace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }
}
