package dev.tollgate.bench.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny {@code --name value} / {@code --flag} parser shared by the bench mains. Unknown options are errors so a
 * typo never silently runs the defaults; values may also be given as {@code --name=value}.
 */
public final class Args {
    private final Map<String, List<String>> values = new HashMap<>();

    private Args() {
    }

    /**
     * Parses {@code argv}; {@code withValue} names the options that take a value, {@code flags} those that do not.
     *
     * @throws IllegalArgumentException naming the offending argument
     */
    public static Args parse(String[] argv, Set<String> withValue, Set<String> flags) {
        Args args = new Args();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new IllegalArgumentException("--" + name + " takes no value");
                }
                value = "true";
            } else if (withValue.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = argv[++i];
                }
            } else {
                throw new IllegalArgumentException("unknown option: --" + name + " (see --help)");
            }
            args.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return args;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name, String fallback) {
        List<String> list = values.get(name);
        return list == null ? fallback : list.get(list.size() - 1);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public int integer(String name, int fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: an integer)");
        }
    }

    /** Seconds, with an optional unit {@code ms}, {@code s} or {@code m}: {@code 500ms}, {@code 3}, {@code 1m}. */
    public long millis(String name, long fallbackMillis) {
        String value = string(name, null);
        if (value == null) {
            return fallbackMillis;
        }
        String v = value.trim();
        try {
            if (v.endsWith("ms")) {
                return Long.parseLong(v.substring(0, v.length() - 2));
            }
            if (v.endsWith("m")) {
                return Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000);
            }
            if (v.endsWith("s")) {
                v = v.substring(0, v.length() - 1);
            }
            return Math.round(Double.parseDouble(v) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": " + value
                    + " (expected: a duration like 3s, 500ms, 1m)");
        }
    }
}
