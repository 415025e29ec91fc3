package dev.tollgate.core.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * lura's {@code flatmap_filter}: operations on the data seen as a tree whose arrays have the edges {@code 0},
 * {@code 1}..., with {@code *} matching every edge of a step. A port of krakend/flatmap's {@code tree} package
 * ({@code Move}, {@code Del}, {@code Append}), quirks included where they decide the answer: an object that loses
 * its last field renders as {@code null}, moving onto a path whose last step differs only relabels. Immutable and
 * shared; each {@link #apply} builds its own tree.
 */
public final class FlatmapFilter {
    /** One operation: {@code move} and {@code append} take {@code src, dst}; {@code del} any number of paths. */
    public record Op(String type, String[][] args) {
    }

    private static final String WILDCARD = "*";

    private final Op[] ops;

    private FlatmapFilter(Op[] ops) {
        this.ops = ops;
    }

    /**
     * @param ops {type, args} with dot-path arguments; a type lura does not know is skipped, as lura skips it
     * @throws IllegalArgumentException when move or append has fewer than two arguments (lura would panic)
     */
    public static FlatmapFilter of(List<Map.Entry<String, List<String>>> ops) {
        List<Op> parsed = new ArrayList<>();
        for (Map.Entry<String, List<String>> op : ops) {
            String type = op.getKey();
            List<String> args = op.getValue();
            if ((type.equals("move") || type.equals("append")) && args.size() < 2) {
                throw new IllegalArgumentException(type + " takes two paths, got " + args.size());
            }
            String[][] split = new String[args.size()][];
            for (int i = 0; i < split.length; i++) {
                split[i] = args.get(i).split("\\.", -1);
            }
            parsed.add(new Op(type, split));
        }
        return new FlatmapFilter(parsed.toArray(new Op[0]));
    }

    /** The data after every operation; null data is left alone (lura's tree refuses nil). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(Map<String, Object> data) {
        if (data == null) {
            return null;
        }
        Node root = new Node();
        root.add(new String[0], 0, data);
        for (Op op : ops) {
            switch (op.type()) {
                case "move" -> move(root, op.args()[0], op.args()[1]);
                case "append" -> append(root, op.args()[0], op.args()[1]);
                case "del" -> {
                    for (String[] path : op.args()) {
                        root.del(path, 0);
                    }
                }
                default -> {
                }
            }
        }
        return root.get(new String[0], 0) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static final class Edge {
        String label;
        final Node n;

        Edge(String label, Node n) {
            this.label = label;
            this.n = n;
        }
    }

    private static final class Node {
        Object value;
        boolean isCollection;
        final List<Edge> edges = new ArrayList<>(4);

        void add(String[] ks, int from, Object v) {
            if (from == ks.length) {
                flatten(v);
                return;
            }
            for (Edge e : edges) {
                if (e.label.equals(ks[from])) {
                    e.n.add(ks, from + 1, v);
                    return;
                }
            }
            Node child = new Node();
            edges.add(new Edge(ks[from], child));
            child.add(ks, from + 1, v);
        }

        private void flatten(Object v) {
            if (v instanceof Map<?, ?> m) {
                isCollection = false;
                if (m.isEmpty()) {
                    value = v;
                    return;
                }
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    add(new String[] {(String) e.getKey()}, 0, e.getValue());
                }
            } else if (v instanceof List<?> l) {
                isCollection = true;
                if (l.isEmpty()) {
                    value = v;
                    return;
                }
                for (int i = 0; i < l.size(); i++) {
                    add(new String[] {Integer.toString(i)}, 0, l.get(i));
                }
            } else {
                isCollection = false;
                value = v;
            }
        }

        void del(String[] ks, int from) {
            int n = ks.length - from;
            if (n == 0 || edges.isEmpty()) {
                return;
            }
            if (ks[from].equals(WILDCARD)) {
                if (n > 1) {
                    for (Edge e : edges) {
                        e.n.del(ks, from + 1);
                    }
                } else {
                    edges.clear();
                }
                return;
            }
            for (int i = 0; i < edges.size(); i++) {
                Edge e = edges.get(i);
                if (e.label.equals(ks[from])) {
                    if (n == 1) {
                        edges.remove(i);
                    } else {
                        e.n.del(ks, from + 1);
                    }
                    return;
                }
            }
        }

        Object get(String[] ks, int from) {
            int n = ks.length - from;
            if (edges.isEmpty() && n > 0) {
                return null;
            }
            if (n == 0) {
                return expand();
            }
            if (ks[from].equals(WILDCARD)) {
                List<Object> res = new ArrayList<>(edges.size());
                for (Edge e : edges) {
                    res.add(e.n.get(ks, from + 1));
                }
                return res;
            }
            for (Edge e : edges) {
                if (e.label.equals(ks[from])) {
                    return e.n.get(ks, from + 1);
                }
            }
            return null;
        }

        private Object expand() {
            if (edges.isEmpty()) {
                return value;
            }
            String[] none = new String[0];
            if (isCollection) {
                List<Object> res = new ArrayList<>(edges.size());
                for (Edge e : edges) {
                    res.add(e.n.get(none, 0));
                }
                return res;
            }
            Map<String, Object> res = new HashMap<>();
            for (Edge e : edges) {
                res.put(e.label, e.n.get(none, 0));
            }
            return res;
        }
    }

    /** A node found by a move's source prefix, with the labels that led to it. */
    private record Found(Node n, List<String> path) {
    }

    private record Moving(Found from, Edge e) {
    }

    private static void append(Node root, String[] src, String[] dst) {
        if (!(root.get(src, 0) instanceof List<?> from) || !(root.get(dst, 0) instanceof List<?> to)) {
            return;
        }
        List<Object> joined = new ArrayList<>(to);
        joined.addAll(from);
        root.add(dst, 0, joined);
        root.del(src, 0);
    }

    private static void move(Node root, String[] src, String[] dst) {
        List<Found> next = new ArrayList<>();
        next.add(new Found(root, List.of()));
        int prefix = src.length;
        if (prefix > 1) {
            next = candidates(src, prefix - 1, next);
        }
        List<Moving> moving = new ArrayList<>();
        boolean relabel = prefix == dst.length; // same depth: only the last label changes
        for (Found f : next) {
            List<Edge> edges = f.n().edges;
            for (int i = 0; i < edges.size(); i++) {
                Edge e = edges.get(i);
                if (!e.label.equals(src[prefix - 1])) {
                    continue;
                }
                if (relabel) {
                    e.label = dst[prefix - 1];
                } else {
                    moving.add(new Moving(f, e));
                    edges.remove(i);
                }
                break;
            }
        }
        if (relabel) {
            return;
        }
        if (prefix > dst.length) {
            promote(root, moving, dst);
        } else {
            embed(moving, dst, prefix - 1);
        }
    }

    private static List<Found> candidates(String[] src, int steps, List<Found> next) {
        for (int s = 0; s < steps; s++) {
            String step = src[s];
            List<Found> acc = new ArrayList<>();
            for (Found f : next) {
                for (Edge e : f.n().edges) {
                    if (step.equals(WILDCARD) || step.equals(e.label)) {
                        List<String> path = new ArrayList<>(f.path());
                        path.add(e.label);
                        acc.add(new Found(e.n, path));
                        if (!step.equals(WILDCARD)) {
                            break;
                        }
                    }
                }
            }
            next = acc;
        }
        return next;
    }

    /** A shorter destination: each edge goes up to the node {@code dst} names, a {@code *} taking its own path. */
    private static void promote(Node root, List<Moving> moving, String[] dst) {
        for (Moving m : moving) {
            Node parent = root;
            for (int i = 0; i < dst.length - 1; i++) {
                String label = dst[i].equals(WILDCARD) ? m.from().path().get(i) : dst[i];
                Node found = null;
                for (Edge e : parent.edges) {
                    if (e.label.equals(label)) {
                        found = e.n;
                        break;
                    }
                }
                if (found == null) {
                    break;
                }
                parent = found;
            }
            m.e().label = dst[dst.length - 1];
            parent.edges.add(m.e());
        }
    }

    /** A longer destination: below where the edge was, through found or new nodes. */
    private static void embed(List<Moving> moving, String[] dst, int from) {
        for (Moving m : moving) {
            Node at = m.from().n();
            for (int k = from; k < dst.length - 1; k++) {
                Node found = null;
                for (Edge e : at.edges) {
                    if (e.label.equals(dst[k])) {
                        found = e.n;
                        break;
                    }
                }
                if (found == null) {
                    found = new Node();
                    at.edges.add(new Edge(dst[k], found));
                }
                at = found;
            }
            m.e().label = dst[dst.length - 1];
            at.edges.add(m.e());
        }
    }
}
