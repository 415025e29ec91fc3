package dev.tollgate.core.config.template;

import dev.tollgate.core.data.DataWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The functions a flexible config may call: KrakenD's own ({@code include}, {@code marshal}), sprig's that real
 * configs use ({@code env}, {@code default}, {@code toJson}) and text/template's builtins ({@code and}, {@code or},
 * {@code not}, {@code len}, {@code index}, {@code eq}, {@code ne}, {@code lt}, {@code le}, {@code gt}, {@code ge},
 * {@code print}). {@code and} and {@code or} are evaluated by {@link Evaluator}, which short-circuits them.
 */
final class Funcs {
    static final Set<String> NAMES = Set.of("env", "include", "marshal", "toJson", "default", "and", "or", "not",
            "len", "index", "eq", "ne", "lt", "le", "gt", "ge", "print");

    /** Thrown inside a call; the evaluator adds the file, line and column. */
    static final class CallException extends Exception {
        CallException(String message) {
            super(message);
        }
    }

    private final Map<String, String> env;
    private final Path partials;
    private final BiConsumer<String, String> envRead;

    /**
     * @param partials where {@code include} reads from; null means the working directory, as KrakenD's
     *                 {@code path.Join("", name)} does
     * @param envRead  told each variable {@code env} read and its value (for redacting secrets from FC_OUT)
     */
    Funcs(Map<String, String> env, Path partials, BiConsumer<String, String> envRead) {
        this.env = env;
        this.partials = partials;
        this.envRead = envRead;
    }

    Object call(String name, List<Object> args) throws CallException {
        return switch (name) {
            case "env" -> {
                String var = string(name, args, 0, 1);
                String value = env.getOrDefault(var, "");
                envRead.accept(var, value);
                yield value;
            }
            case "include" -> include(string(name, args, 0, 1));
            case "marshal", "toJson" -> {
                arity(name, args, 1);
                yield new String(DataWriter.write(GoValues.forJson(args.get(0))), StandardCharsets.UTF_8);
            }
            case "default" -> {
                arity(name, args, 2);
                yield GoValues.truth(args.get(1)) ? args.get(1) : args.get(0);
            }
            case "not" -> {
                arity(name, args, 1);
                yield !GoValues.truth(args.get(0));
            }
            case "len" -> {
                arity(name, args, 1);
                yield length(args.get(0));
            }
            case "index" -> index(args);
            case "eq" -> {
                if (args.size() < 2) {
                    throw new CallException("eq: missing argument for comparison");
                }
                boolean any = false;
                for (int k = 1; k < args.size() && !any; k++) {
                    any = Compare.compare(args.get(0), args.get(k), true) == 0;
                }
                yield any;
            }
            case "ne" -> {
                arity(name, args, 2);
                yield Compare.compare(args.get(0), args.get(1), true) != 0;
            }
            case "lt", "le", "gt", "ge" -> {
                arity(name, args, 2);
                int c = Compare.compare(args.get(0), args.get(1), false);
                yield switch (name) {
                    case "lt" -> c < 0;
                    case "le" -> c <= 0;
                    case "gt" -> c > 0;
                    default -> c >= 0;
                };
            }
            case "print" -> print(args);
            default -> throw new CallException("function \"" + name + "\" is not supported");
        };
    }

    private String include(String file) throws CallException {
        Path p = partials == null ? Path.of(file) : partials.resolve(file);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // KrakenD includes nothing when the file cannot be read; a missing partial is a broken config.
            throw new CallException("include \"" + file + "\": cannot read " + p
                    + (partials == null ? " (FC_PARTIALS is not set)" : ""));
        }
    }

    private static long length(Object v) throws CallException {
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length; // Go's len of a string counts bytes
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        throw new CallException("len of " + GoValues.typeName(v));
    }

    private static Object index(List<Object> args) throws CallException {
        if (args.isEmpty()) {
            throw new CallException("index: wrong number of args: got 0, want at least 1");
        }
        Object v = args.get(0);
        for (int k = 1; k < args.size(); k++) {
            Object key = args.get(k);
            if (v instanceof Map<?, ?> m) {
                if (!(key instanceof String s)) {
                    throw new CallException("index: value has type " + GoValues.typeName(key)
                            + "; should be string");
                }
                v = m.get(s);
            } else if (v instanceof List<?> l) {
                if (!(key instanceof Long n)) {
                    throw new CallException("index: cannot index slice/array with type " + GoValues.typeName(key));
                }
                if (n < 0 || n >= l.size()) {
                    throw new CallException("index: index out of range: " + n);
                }
                v = l.get(n.intValue());
            } else if (v == null) {
                throw new CallException("index of untyped nil");
            } else {
                throw new CallException("index: can't index item of type " + GoValues.typeName(v));
            }
        }
        return v;
    }

    /** fmt.Sprint: a space between two operands when neither is a string. */
    private static String print(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < args.size(); k++) {
            if (k > 0 && !(args.get(k) instanceof String) && !(args.get(k - 1) instanceof String)) {
                sb.append(' ');
            }
            sb.append(GoValues.print(args.get(k)));
        }
        return sb.toString();
    }

    private static String string(String name, List<Object> args, int at, int arity) throws CallException {
        arity(name, args, arity);
        if (!(args.get(at) instanceof String s)) {
            throw new CallException(name + ": expected a string, got " + GoValues.typeName(args.get(at)));
        }
        return s;
    }

    private static void arity(String name, List<Object> args, int n) throws CallException {
        if (args.size() != n) {
            throw new CallException("wrong number of args for " + name + ": want " + n + " got " + args.size());
        }
    }
}
