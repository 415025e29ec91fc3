package dev.tollgate.core.config.json;

import java.io.IOException;

/** The config file is not valid JSON; carries the position so the user can find it. */
public final class JsonSyntaxException extends IOException {
    private final int line;
    private final int column;

    public JsonSyntaxException(String message, int line, int column) {
        super("invalid JSON at line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
