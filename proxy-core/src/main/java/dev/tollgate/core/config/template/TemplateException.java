package dev.tollgate.core.config.template;

/**
 * A flexible-config template cannot be parsed or executed. The message starts with {@code file:line:column} of the
 * action at fault, so a config author finds it without knowing the engine.
 */
public final class TemplateException extends Exception {
    public TemplateException(String file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
    }

    /** A problem that is not at a place in a template (a settings file, a directory). */
    public TemplateException(String message) {
        super(message);
    }
}
