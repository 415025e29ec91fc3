package dev.tollgate.core.data;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One backend's manipulations of its decoded data, in lura's order ({@code proxy/formatter.go}): {@code target}
 * (walk a dot path to a nested object), then {@code allow} (keep only the listed dot paths) or else {@code deny}
 * (drop them), then {@code mapping} (rename top-level keys), then {@code group} (wrap everything under one key).
 * Filters and renames run only on non-empty data, as lura's do. Built once per backend; immutable and shared.
 */
public final class ResponseShape {
    /** Changes nothing. */
    public static final ResponseShape NONE = new ResponseShape(null, null, null, new String[0][], null, null);

    private final String[] target;
    /** Leaves are {@link Boolean#TRUE}, inner nodes maps: lura's allow-list dictionary. */
    private final Map<String, Object> allow;
    /** Leaves are null (delete this key), inner nodes maps: lura's deny tree. */
    private final Map<String, Object> deny;
    /** Pairs {from, to}, in config order. */
    private final String[][] mapping;
    private final String group;
    /** lura's flatmap formatter, which takes the place of allow, deny and mapping; null for none. */
    private final FlatmapFilter flatmap;

    private ResponseShape(String[] target, Map<String, Object> allow, Map<String, Object> deny, String[][] mapping,
                          String group, FlatmapFilter flatmap) {
        this.flatmap = flatmap;
        this.target = target;
        this.allow = allow;
        this.deny = deny;
        this.mapping = mapping;
        this.group = group;
    }

    /**
     * @param target  a dot path, or null or empty for none
     * @param allow   dot paths to keep; when not empty, {@code deny} is ignored (as lura ignores it)
     * @param deny    dot paths to remove
     * @param mapping {from, to} pairs; lura keeps only the part of {@code to} before its first dot
     * @param group   the key to wrap the data in, or null or empty for none
     */
    public static ResponseShape of(String target, List<String> allow, List<String> deny,
                                   List<Map.Entry<String, String>> mapping, String group) {
        return of(target, allow, deny, mapping, group, null);
    }

    /**
     * @param flatmap the backend's {@code flatmap_filter}, or null; when set, lura's flatmap formatter applies it
     *                between target and group, and allow, deny and mapping are not applied at all
     */
    public static ResponseShape of(String target, List<String> allow, List<String> deny,
                                   List<Map.Entry<String, String>> mapping, String group, FlatmapFilter flatmap) {
        String[] path = target == null || target.isEmpty() ? null : target.split("\\.", -1);
        String wrap = group == null || group.isEmpty() ? null : group;
        if (flatmap != null) {
            return new ResponseShape(path, null, null, new String[0][], wrap, flatmap);
        }
        if (path == null && allow.isEmpty() && deny.isEmpty() && mapping.isEmpty() && wrap == null) {
            return NONE;
        }
        String[][] renames = new String[mapping.size()][];
        for (int i = 0; i < renames.length; i++) {
            String to = mapping.get(i).getValue();
            int dot = to.indexOf('.');
            renames[i] = new String[] {mapping.get(i).getKey(), dot < 0 ? to : to.substring(0, dot)};
        }
        return new ResponseShape(path, allow.isEmpty() ? null : allowTree(allow),
                allow.isEmpty() && !deny.isEmpty() ? denyTree(deny) : null, renames, wrap, null);
    }

    /** Reshapes {@code data} (which it may modify) and returns the result; null data is Go's nil map. */
    public Map<String, Object> apply(Map<String, Object> data) {
        if (this == NONE) {
            return data;
        }
        if (target != null) {
            data = extractTarget(data);
        }
        if (flatmap != null) {
            data = flatmap.apply(data);
        } else if (data != null && !data.isEmpty()) {
            if (allow != null) {
                if (prune(allow, data)) {
                    data.clear();
                }
            } else if (deny != null) {
                delete(deny, data);
            }
        }
        if (data != null && !data.isEmpty()) {
            for (String[] rename : mapping) {
                if (data.containsKey(rename[0])) {
                    Object v = data.get(rename[0]);
                    data.put(rename[1], v);
                    data.remove(rename[0]); // after the put, as lura: a key mapped to itself is dropped
                }
            }
        }
        if (group != null) {
            Map<String, Object> wrapped = new HashMap<>(2);
            wrapped.put(group, data);
            return wrapped;
        }
        return data;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> extractTarget(Map<String, Object> data) {
        for (String part : target) {
            Object next = data == null ? null : data.get(part);
            if (!(next instanceof Map<?, ?> m)) {
                return new HashMap<>(); // missing or not an object: no data, as lura
            }
            data = (Map<String, Object>) m;
        }
        return data;
    }

    /** lura's AllowlistPrune: true when nothing of {@code in} is left. */
    @SuppressWarnings("unchecked")
    private static boolean prune(Map<String, Object> allowed, Map<String, Object> in) {
        boolean empty = true;
        for (Iterator<Map.Entry<String, Object>> it = in.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> e = it.next();
            Object rule = allowed.get(e.getKey());
            boolean keep = false;
            if (rule instanceof Map<?, ?> sub) {
                keep = e.getValue() instanceof Map<?, ?> child
                        && !prune((Map<String, Object>) sub, (Map<String, Object>) child);
            } else if (rule != null) {
                keep = true; // a leaf of the allow-list: the whole branch stays
            }
            if (keep) {
                empty = false;
            } else {
                it.remove();
            }
        }
        return empty;
    }

    /** lura's recDelete: descends into objects only (arrays are not looked into). */
    @SuppressWarnings("unchecked")
    private static void delete(Map<String, Object> rules, Map<String, Object> in) {
        for (Map.Entry<String, Object> rule : rules.entrySet()) {
            if (!in.containsKey(rule.getKey())) {
                continue;
            }
            if (rule.getValue() == null) {
                in.remove(rule.getKey());
            } else if (in.get(rule.getKey()) instanceof Map<?, ?> child) {
                delete((Map<String, Object>) rule.getValue(), (Map<String, Object>) child);
            }
        }
    }

    /** lura's buildDictPath, path by path in config order (so "a" after "a.b" keeps all of a, and vice versa). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> allowTree(List<String> paths) {
        Map<String, Object> root = new HashMap<>();
        for (String path : paths) {
            String[] parts = path.split("\\.", -1);
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = node.get(parts[i]);
                if (!(next instanceof Map<?, ?>)) {
                    next = new HashMap<String, Object>();
                    node.put(parts[i], next);
                }
                node = (Map<String, Object>) next;
            }
            node.put(parts[parts.length - 1], Boolean.TRUE);
        }
        return root;
    }

    /** lura's buildDenyTree: a deleted node swallows deeper paths under it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> denyTree(List<String> paths) {
        Map<String, Object> root = new HashMap<>();
        for (String path : paths) {
            String[] parts = path.split("\\.", -1);
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length; i++) {
                String key = parts[i];
                if (i == parts.length - 1) {
                    node.put(key, null);
                    break;
                }
                if (node.containsKey(key)) {
                    Object child = node.get(key);
                    if (child == null) {
                        break; // the whole branch goes already
                    }
                    node = (Map<String, Object>) child;
                } else {
                    Map<String, Object> child = new HashMap<>(2);
                    node.put(key, child);
                    node = child;
                }
            }
        }
        return root;
    }
}
