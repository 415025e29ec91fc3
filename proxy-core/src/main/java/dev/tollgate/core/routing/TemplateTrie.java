package dev.tollgate.core.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * Path templates arranged by segment: each node has its literal children (looked up by the segment's characters,
 * without cutting a substring) and at most one parameter child. A lookup walks the request path once, trying the
 * literal child before the parameter child at every segment and backtracking when a branch dead-ends, so the
 * answer is the template the old "most specific first" list found: at the first segment where two matching
 * templates differ, the literal one wins; templates of the same shape keep registration order (the first one
 * registered is the only one reachable). Every node is visited at most once per lookup, and a lookup allocates
 * nothing.
 *
 * @param <V> what a complete template leads to
 */
final class TemplateTrie<V> {
    private final Node<V> root = new Node<>();

    /** Adds {@code value} under {@code template} unless a template of the same shape and literals came first. */
    void add(PathTemplate template, V value) {
        Node<V> node = root;
        for (int i = 0; i < template.segmentCount(); i++) {
            String literal = template.literal(i);
            node = literal == null ? node.paramChild() : node.literalChild(literal);
        }
        if (node.value == null) {
            node.value = value;
        }
    }

    /** Freezes the literal tables; call once after the last {@link #add}. */
    void seal() {
        root.seal();
    }

    /** The value of the most specific template matching {@code path} (no query), or null. */
    V find(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        return find(root, path, 1);
    }

    private static <V> V find(Node<V> node, String path, int start) {
        int end = path.indexOf('/', start);
        boolean last = end < 0;
        if (last) {
            end = path.length();
        }
        Node<V> literal = node.literal(path, start, end);
        if (literal != null) {
            V found = last ? literal.value : find(literal, path, end + 1);
            if (found != null) {
                return found;
            }
        }
        Node<V> param = node.param;
        if (param != null && end > start && !PathTemplate.isDotSegment(path, start, end)) {
            return last ? param.value : find(param, path, end + 1);
        }
        return null;
    }

    private static final class Node<V> {
        private Map<String, Node<V>> building = new HashMap<>();
        /** Open-addressing table of literal children, keyed by String.hashCode of the segment; null when none. */
        private String[] keys;
        private Node<V>[] children;
        private Node<V> param;
        private V value;

        Node<V> literalChild(String literal) {
            return building.computeIfAbsent(literal, k -> new Node<>());
        }

        Node<V> paramChild() {
            if (param == null) {
                param = new Node<>();
            }
            return param;
        }

        @SuppressWarnings("unchecked")
        void seal() {
            if (!building.isEmpty()) {
                int capacity = Integer.highestOneBit(building.size() * 2 - 1) << 1;
                keys = new String[capacity];
                children = new Node[capacity];
                for (Map.Entry<String, Node<V>> e : building.entrySet()) {
                    int i = e.getKey().hashCode() & (capacity - 1);
                    while (keys[i] != null) {
                        i = (i + 1) & (capacity - 1);
                    }
                    keys[i] = e.getKey();
                    children[i] = e.getValue();
                    e.getValue().seal();
                }
            }
            building = null;
            if (param != null) {
                param.seal();
            }
        }

        /** The literal child equal to {@code path[start, end)}, or null. */
        Node<V> literal(String path, int start, int end) {
            String[] table = keys;
            if (table == null) {
                return null;
            }
            int h = 0;
            for (int i = start; i < end; i++) {
                h = 31 * h + path.charAt(i);
            }
            int mask = table.length - 1;
            int len = end - start;
            for (int i = h & mask; ; i = (i + 1) & mask) {
                String key = table[i];
                if (key == null) {
                    return null;
                }
                if (key.length() == len && key.hashCode() == h && path.regionMatches(start, key, 0, len)) {
                    return children[i];
                }
            }
        }
    }
}
