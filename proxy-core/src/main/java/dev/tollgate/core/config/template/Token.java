package dev.tollgate.core.config.template;

/**
 * One lexical item of a template. {@code spaceBefore} tells {@code $x.a} (a field of $x) from {@code $x .a} (two
 * arguments), as Go's lexer does by emitting a field token right after the variable.
 */
record Token(Kind kind, String text, int line, int column, boolean spaceBefore) {
    enum Kind {
        /** Literal text between actions, already trimmed by {@code {{-} and {@code -}}}. */
        TEXT,
        /** {@code {{}: an action starts. */
        LEFT,
        /** {@code }}}: an action ends. */
        RIGHT,
        IDENT, FIELD, VARIABLE, DOT, STRING, NUMBER, PIPE, LPAREN, RPAREN, COMMA, DECLARE, ASSIGN, EOF
    }
}
