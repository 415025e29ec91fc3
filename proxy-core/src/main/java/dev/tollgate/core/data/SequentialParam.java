package dev.tollgate.core.data;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code {respN_a.b}} placeholder of a sequential endpoint (lura's {@code sequentialMerge}): a field of backend
 * N's shaped answer, turned into text as Go's {@code fmt} prints it, for a later backend's url_pattern.
 */
public final class SequentialParam {
    private final String name;
    private final int source;
    private final String[] path;
    /** What lura leaves in the URL when the field is missing: its own template placeholder, unreplaced. */
    private final String unresolved;

    /** @param name the placeholder as written, e.g. {@code resp0_user.id} */
    public SequentialParam(String name) {
        this.name = requireNonNull(name, "name");
        int underscore = name.indexOf('_');
        if (!name.startsWith("resp") || underscore < 5) {
            throw new IllegalArgumentException("not a {respN_field} placeholder: " + name);
        }
        this.source = Integer.parseInt(name.substring(4, underscore));
        this.path = name.substring(underscore + 1).split("\\.", -1);
        this.unresolved = "{{.R" + name.substring(1) + "}}";
    }

    public String name() {
        return name;
    }

    /** The index of the backend whose answer it reads. */
    public int source() {
        return source;
    }

    /**
     * The value for the URL, from the source backend's data; lura walks the path through objects and, where it
     * cannot go on, looks the last key up where it stopped (a quirk kept, as it decides what is sent).
     */
    @SuppressWarnings("unchecked")
    public String resolve(Map<String, Object> data) {
        if (data == null) {
            return unresolved;
        }
        Map<String, Object> at = data;
        for (int i = 0; i < path.length - 1; i++) {
            if (!(at.get(path[i]) instanceof Map<?, ?> next)) {
                break;
            }
            at = (Map<String, Object>) next;
        }
        String last = path[path.length - 1];
        if (!at.containsKey(last)) {
            return unresolved;
        }
        Object v = at.get(last);
        if (v instanceof List<?> list) {
            // lura joins an array's elements with commas, each printed with %v
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                goPrint(sb, list.get(i));
            }
            return sb.toString();
        }
        return goPrint(new StringBuilder(), v).toString();
    }

    /** Go's {@code %v} of a decoded JSON value: maps as {@code map[k:v]} with sorted keys, arrays as {@code [a b]}. */
    static StringBuilder goPrint(StringBuilder sb, Object v) {
        if (v == null) {
            return sb.append("<nil>");
        }
        if (v instanceof Map<?, ?> m) {
            sb.append("map[");
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                sb.append(first ? "" : " ").append(e.getKey()).append(':');
                goPrint(sb, e.getValue());
                first = false;
            }
            return sb.append(']');
        }
        if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : " ");
                goPrint(sb, l.get(i));
            }
            return sb.append(']');
        }
        return sb.append(v); // String, RawNumber (its text), Boolean
    }

    @Override
    public String toString() {
        return name + " from backend " + source + " at " + Arrays.toString(path);
    }
}
