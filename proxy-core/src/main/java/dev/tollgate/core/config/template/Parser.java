package dev.tollgate.core.config.template;

import dev.tollgate.core.config.template.Node.Arg;
import dev.tollgate.core.config.template.Node.Pos;
import dev.tollgate.core.config.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link Node} tree from {@link Lexer} tokens: text, output actions, {@code if}/{@code else if}/
 * {@code else}, {@code range} (with {@code $i, $e :=} and {@code else}), {@code with}, {@code template}, variables
 * and pipelines. Anything else text/template has ({@code define}, {@code block}, {@code break}, {@code continue},
 * functions Tollgate does not provide) is refused here, with its line and column, before anything runs.
 */
final class Parser {
    private static final Set<String> UNSUPPORTED = Set.of("define", "block", "break", "continue");

    private final String file;
    private final List<Token> tokens;
    private final Set<String> functions;
    private int i;
    /** The last {@code else} or {@code end} keyword {@link #list} stopped at, for an error about a stray one. */
    private Token terminator;

    private Parser(String file, List<Token> tokens, Set<String> functions) {
        this.file = file;
        this.tokens = tokens;
        this.functions = functions;
    }

    static List<Node> parse(String file, String source, Set<String> functions) throws TemplateException {
        Parser p = new Parser(file, Lexer.lex(file, source), functions);
        List<Node> nodes = new ArrayList<>();
        String end = p.list(nodes);
        if (end != null) {
            throw p.error(p.terminator, "unexpected {{" + end + "}}");
        }
        return List.copyOf(nodes);
    }

    /** Parses nodes into {@code out} up to EOF (returns null) or an {@code else}/{@code end} action (returns it). */
    private String list(List<Node> out) throws TemplateException {
        while (true) {
            Token t = next();
            switch (t.kind()) {
                case EOF -> {
                    return null;
                }
                case TEXT -> out.add(new Node.Text(t.text()));
                case LEFT -> {
                    Token k = peek();
                    if (k.kind() == Kind.IDENT && (k.text().equals("end") || k.text().equals("else"))) {
                        next();
                        terminator = k;
                        if (k.text().equals("end")) {
                            expect(Kind.RIGHT, "end");
                        }
                        return k.text();
                    }
                    out.add(action());
                }
                default -> throw error(t, "unexpected " + describe(t));
            }
        }
    }

    private Node action() throws TemplateException {
        Token k = peek();
        if (k.kind() == Kind.IDENT) {
            switch (k.text()) {
                case "if", "with" -> {
                    next();
                    return conditional(k);
                }
                case "range" -> {
                    next();
                    return range(k);
                }
                case "template" -> {
                    next();
                    return template(k);
                }
                default -> {
                    if (UNSUPPORTED.contains(k.text())) {
                        throw error(k, "{{" + k.text() + "}} is not supported by Tollgate's flexible config");
                    }
                }
            }
        }
        Node.Pipeline pipe = pipeline(k);
        expect(Kind.RIGHT, "action");
        return new Node.Output(pipe, pos(k));
    }

    private Node conditional(Token keyword) throws TemplateException {
        Node.Pipeline pipe = pipeline(keyword);
        expect(Kind.RIGHT, keyword.text());
        List<Node> body = new ArrayList<>();
        String end = list(body);
        List<Node> elseBody = new ArrayList<>();
        if (end == null) {
            throw error(keyword, "unexpected EOF: {{" + keyword.text() + "}} has no {{end}}");
        }
        if (end.equals("else")) {
            Token next = peek();
            if (next.kind() == Kind.IDENT && next.text().equals(keyword.text())) {
                // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} sharing one {{end}}, as in Go.
                next();
                elseBody.add(conditional(next));
            } else {
                expect(Kind.RIGHT, "else");
                if (!"end".equals(list(elseBody))) {
                    throw error(keyword, "{{" + keyword.text() + "}} has no {{end}}");
                }
            }
        }
        return new Node.If(pipe, List.copyOf(body), List.copyOf(elseBody), keyword.text().equals("with"),
                pos(keyword));
    }

    private Node range(Token keyword) throws TemplateException {
        Node.Pipeline pipe = pipeline(keyword);
        expect(Kind.RIGHT, "range");
        List<Node> body = new ArrayList<>();
        String end = list(body);
        List<Node> elseBody = new ArrayList<>();
        if (end == null) {
            throw error(keyword, "unexpected EOF: {{range}} has no {{end}}");
        }
        if (end.equals("else")) {
            expect(Kind.RIGHT, "else");
            if (!"end".equals(list(elseBody))) {
                throw error(keyword, "{{range}} has no {{end}}");
            }
        }
        return new Node.Range(pipe, List.copyOf(body), List.copyOf(elseBody), pos(keyword));
    }

    private Node template(Token keyword) throws TemplateException {
        Token name = next();
        if (name.kind() != Kind.STRING) {
            throw error(name, "{{template}} needs a quoted template name, got " + describe(name));
        }
        Node.Pipeline pipe = null;
        if (peek().kind() != Kind.RIGHT) {
            pipe = pipeline(name);
        }
        expect(Kind.RIGHT, "template");
        return new Node.Template(name.text(), pipe, pos(keyword));
    }

    private Node.Pipeline pipeline(Token at) throws TemplateException {
        List<String> vars = new ArrayList<>();
        boolean assign = false;
        if (peek().kind() == Kind.VARIABLE) {
            int save = i;
            List<String> names = new ArrayList<>();
            names.add(next().text());
            if (peek().kind() == Kind.COMMA) {
                next();
                if (peek().kind() == Kind.VARIABLE) {
                    names.add(next().text());
                }
            }
            Kind k = peek().kind();
            if ((k == Kind.DECLARE || k == Kind.ASSIGN) && !names.isEmpty()) {
                next();
                vars = names;
                assign = k == Kind.ASSIGN;
            } else {
                i = save;
            }
        }
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            Token first = peek();
            List<Arg> args = new ArrayList<>();
            while (peek().kind() != Kind.PIPE && peek().kind() != Kind.RIGHT && peek().kind() != Kind.RPAREN) {
                if (peek().kind() == Kind.EOF) {
                    throw error(peek(), "unclosed action");
                }
                args.add(term());
            }
            if (args.isEmpty()) {
                throw error(first, commands.isEmpty() ? (at.kind() == Kind.RIGHT ? "empty action"
                        : "missing value for " + at.text())
                        : "missing command after |");
            }
            commands.add(new Node.Command(List.copyOf(args), pos(first)));
            if (peek().kind() != Kind.PIPE) {
                break;
            }
            next();
        }
        return new Node.Pipeline(List.copyOf(vars), assign, List.copyOf(commands), pos(at));
    }

    private Arg term() throws TemplateException {
        Token t = next();
        Arg base = switch (t.kind()) {
            case DOT -> new Node.Dot(pos(t));
            case FIELD -> {
                i--; // the chain below reads it, with the fields after it
                yield null;
            }
            case VARIABLE -> new Node.Variable(t.text(), pos(t));
            case STRING -> new Node.Literal(t.text(), pos(t));
            case NUMBER -> new Node.Literal(number(t), pos(t));
            case LPAREN -> {
                Node.Pipeline inner = pipeline(t);
                expect(Kind.RPAREN, "parenthesized pipeline");
                yield new Node.Sub(inner, pos(t));
            }
            case IDENT -> switch (t.text()) {
                case "true" -> new Node.Literal(Boolean.TRUE, pos(t));
                case "false" -> new Node.Literal(Boolean.FALSE, pos(t));
                case "nil" -> new Node.Literal(null, pos(t));
                default -> {
                    if (!functions.contains(t.text())) {
                        throw error(t, "function \"" + t.text() + "\" is not supported by Tollgate's flexible "
                                + "config (supported: " + String.join(", ", new java.util.TreeSet<>(functions)) + ")");
                    }
                    yield new Node.Function(t.text(), pos(t));
                }
            };
            default -> throw error(t, "unexpected " + describe(t) + " in command");
        };
        List<String> fields = new ArrayList<>();
        while (peek().kind() == Kind.FIELD && (base == null && fields.isEmpty() || !peek().spaceBefore())) {
            fields.add(next().text());
        }
        if (fields.isEmpty()) {
            return base;
        }
        if (base instanceof Node.Function || base instanceof Node.Literal) {
            throw error(t, "unexpected field ." + fields.get(0) + " after " + describe(t));
        }
        return new Node.Chain(base, List.copyOf(fields), pos(t));
    }

    private Object number(Token t) throws TemplateException {
        String s = t.text().replace("_", "");
        try {
            if (s.matches("[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)")) {
                boolean hex = s.toLowerCase().contains("0x");
                String digits = hex ? s.replaceFirst("0[xX]", "") : s;
                return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits, hex ? 16 : 10);
            }
            if (s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                return Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw error(t, "bad number syntax: " + t.text());
    }

    private void expect(Kind kind, String context) throws TemplateException {
        Token t = next();
        if (t.kind() != kind) {
            throw error(t, "unexpected " + describe(t) + " in " + context
                    + (kind == Kind.RIGHT ? " (expected }})" : kind == Kind.RPAREN ? " (expected ))" : ""));
        }
    }

    private Token next() {
        return tokens.get(i++);
    }

    private Token peek() {
        return tokens.get(i);
    }

    private static Pos pos(Token t) {
        return new Pos(t.line(), t.column());
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "end of file";
            case RIGHT -> "}}";
            case STRING -> "string \"" + t.text() + "\"";
            case FIELD -> "." + t.text();
            default -> "\"" + t.text() + "\"";
        };
    }

    private TemplateException error(Token t, String message) {
        return new TemplateException(file, t.line(), t.column(), message);
    }
}
