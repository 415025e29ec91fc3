package dev.tollgate.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * KrakenD CE's {@code yaml} output: lura's {@code yamlRender} calls gin's {@code c.YAML}, which (gin v1.12.0,
 * {@code render/yaml.go}) is goccy/go-yaml v1.19.2's {@code Marshal}. Ported from its {@code encode.go} (which
 * builds an AST with columns) and {@code ast/ast.go} (which prints it), for the values lura's data holds:
 * <ul>
 *   <li>keys sorted by their bytes; nested objects indented by two; lists not indented under their key
 *       ({@code key:\n- a}); {@code {}} and {@code []} when empty; {@code null}, {@code true}, {@code false};</li>
 *   <li>a JSON number is a {@code json.Number}, a Go string, so it is written as a string, and quoted whenever it
 *       looks like a number to go-yaml ({@code "1"}, {@code "1.5"}; {@code 1e3} stays plain);</li>
 *   <li>a string is double-quoted with Go's {@code strconv.Quote} when {@link YamlScalars#needsQuotes} says so, a
 *       string with a line break (and nothing that forces quotes) is a literal block ({@code |-}, {@code |},
 *       {@code |+});</li>
 *   <li>the document ends with one newline.</li>
 * </ul>
 */
final class YamlRender {
    private static final int INDENT = 2;

    private YamlRender() {
    }

    /** The YAML bytes of {@code data}; Go's nil map is an empty mapping, {@code {}}. */
    static byte[] render(Map<String, Object> data) {
        Node root = map(data == null ? Map.of() : data);
        return GoText.utf8(root.text() + "\n");
    }

    @SuppressWarnings("unchecked")
    private static Node value(Object v) {
        if (v == null) {
            return new Scalar("null");
        }
        if (v instanceof Map<?, ?> m) {
            return map((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            Sequence s = new Sequence();
            for (Object e : l) {
                s.values.add(value(e));
            }
            return s;
        }
        if (v instanceof Boolean b) {
            return new Scalar(b.toString());
        }
        return StringNode.of(v.toString()); // String, or RawNumber (json.Number is a string to go-yaml)
    }

    /** encodeMap: sorted keys; an object value's columns moved right by the indent. */
    private static Mapping map(Map<String, Object> m) {
        String[] keys = m.keySet().toArray(new String[0]);
        Arrays.sort(keys, DataWriter.GO_KEY_ORDER);
        Mapping node = new Mapping();
        for (String k : keys) {
            Node value = value(m.get(k));
            if (value instanceof Mapping) {
                value.addColumn(INDENT);
            }
            node.entries.add(new Entry(StringNode.of(k), value));
        }
        return node;
    }

    private abstract static class Node {
        /** The printed column (1-based) of the node's first token, as go-yaml's token positions keep it. */
        int column = 1;

        void addColumn(int n) {
            column += n;
        }

        abstract String text();
    }

    /** A null or boolean: printed as it is. */
    private static final class Scalar extends Node {
        private final String text;

        Scalar(String text) {
            this.text = text;
        }

        @Override
        String text() {
            return text;
        }
    }

    /** go-yaml's StringNode of a plain token: encodeString's value, quoted already when it needed quotes. */
    private static final class StringNode extends Node {
        private final String value;

        private StringNode(String value) {
            this.value = value;
        }

        static StringNode of(String s) {
            return new StringNode(YamlScalars.needsQuotes(s) ? GoText.quote(s) : s);
        }

        @Override
        String text() {
            String lbc = lineBreak(value);
            if (value.contains(lbc)) {
                String header = value.endsWith(lbc + lbc) ? "|+" : value.endsWith(lbc) ? "|" : "|-";
                String pad = " ".repeat(column - 1) + " ".repeat(INDENT);
                List<String> lines = split(value, lbc);
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < lines.size(); i++) {
                    if (i > 0) {
                        b.append(lbc);
                    }
                    b.append(pad).append(lines.get(i));
                }
                String block = trimSuffix(trimSuffix(b.toString(), lbc + pad), pad);
                return header + lbc + block;
            }
            if (!value.isEmpty() && (value.charAt(0) == '{' || value.charAt(0) == '[')) {
                return "'" + value + "'";
            }
            return value;
        }

        /** token.DetectLineBreakCharacter, with its quirk: no line break at all counts as CRLF. */
        private static String lineBreak(String s) {
            int nc = count(s, "\n");
            int rc = count(s, "\r");
            int rnc = count(s, "\r\n");
            if (nc == rnc && rc == rnc) {
                return "\r\n";
            }
            return rc > nc ? "\r" : "\n";
        }
    }

    private static final class Entry {
        final StringNode key;
        final Node value;

        Entry(StringNode key, Node value) {
            this.key = key;
            this.value = value;
        }

        /** MappingValueNode.toString. */
        String text() {
            String space = " ".repeat(key.column - 1);
            String k = key.text();
            if (value instanceof Scalar || value instanceof StringNode) {
                return space + k + ": " + value.text();
            }
            if (value instanceof Mapping m && m.entries.isEmpty()
                    || value instanceof Sequence s && s.values.isEmpty()) {
                return space + k + ": " + value.text();
            }
            return space + k + ":\n" + value.text();
        }
    }

    private static final class Mapping extends Node {
        final List<Entry> entries = new ArrayList<>();

        @Override
        void addColumn(int n) {
            super.addColumn(n);
            for (Entry e : entries) {
                e.key.addColumn(n);
                e.value.addColumn(n);
            }
        }

        @Override
        String text() {
            if (entries.isEmpty()) {
                return "{}";
            }
            StringBuilder b = new StringBuilder();
            for (Entry e : entries) {
                if (b.length() > 0) {
                    b.append('\n');
                }
                b.append(e.text());
            }
            return b.toString();
        }
    }

    private static final class Sequence extends Node {
        final List<Node> values = new ArrayList<>();

        @Override
        void addColumn(int n) {
            super.addColumn(n);
            for (Node v : values) {
                v.addColumn(n);
            }
        }

        /** SequenceNode.blockStyleString (flow {@code []} when empty). */
        @Override
        String text() {
            if (values.isEmpty()) {
                return "[]";
            }
            String space = " ".repeat(column - 1);
            StringBuilder b = new StringBuilder();
            for (Node value : values) {
                String valueStr = value.text();
                String newLinePrefix = "";
                if (valueStr.startsWith("\n")) {
                    valueStr = valueStr.substring(1);
                    newLinePrefix = "\n";
                }
                List<String> lines = split(valueStr, "\n");
                String first = lines.get(0);
                String trimmedFirst = trimLeftSpaces(first);
                int diff = first.length() - trimmedFirst.length();
                if (lines.size() > 1 && value instanceof StringNode) {
                    String prefix = space + "  ";
                    for (int i = 1; i < lines.size(); i++) {
                        lines.set(i, trimPrefix(lines.get(i), prefix));
                    }
                }
                StringBuilder v = new StringBuilder(trimmedFirst);
                for (int i = 1; i < lines.size(); i++) {
                    String line = lines.get(i);
                    v.append('\n');
                    if (line.length() > diff) {
                        v.append(space).append("  ").append(line, diff, line.length());
                    }
                }
                if (b.length() > 0) {
                    b.append('\n');
                }
                b.append(newLinePrefix).append(space).append("- ").append(v);
            }
            return b.toString();
        }
    }

    private static String trimLeftSpaces(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }

    /** Go's strings.Split: every piece, the empty last one too. */
    private static List<String> split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    private static String trimSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    private static String trimPrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }
}
