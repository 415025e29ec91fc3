package dev.tollgate.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * KrakenD CE's {@code xml} output: krakend-xml's gin render ({@code gin/render.go}) writes the merged data with
 * clbanning/mxj v2.7.0's {@code Map.XmlWriter} ({@code xml.go}: {@code Xml}, {@code marshalMapToXmlIndent}), with
 * {@code XMLEscapeChars(true)} set by that render's {@code init}. Ported rule for rule:
 * <ul>
 *   <li>one key whose value is not a list holding a non-object becomes the root element; otherwise the root is
 *       {@code <doc>} (so a list of objects under the only key gives one root per element, as mxj does);</li>
 *   <li>keys {@code -name} (longer than the hyphen) are attributes, sorted by name; {@code #text} is the element's
 *       text; other keys are child elements, sorted by key; a list repeats its element;</li>
 *   <li>a string, number or boolean is the element's text ({@code <k/>} when empty), null is {@code <k/>}, an empty
 *       list {@code <k/>}, an object with attributes only {@code <k a="1"/>}; no XML declaration;</li>
 *   <li>text and attribute strings have {@code & < > " '} escaped; element names are written as the keys are;
 *       a {@code #text} that is not a string is Go's {@code %v} of it, unescaped;</li>
 *   <li>an attribute whose value is null, an object or a list is mxj's error: the render writes nothing (krakend-xml
 *       ignores the error), so this returns null.</li>
 * </ul>
 */
final class XmlRender {
    private static final String TEXT = "#text";
    private static final String DEFAULT_ROOT = "doc";

    private final StringBuilder out = new StringBuilder(256);

    private XmlRender() {
    }

    /** The XML bytes of {@code data} (null: Go's nil map), or null where mxj fails and nothing is written. */
    static byte[] render(Map<String, Object> data) {
        XmlRender r = new XmlRender();
        Map<String, Object> m = data == null ? Map.of() : data;
        try {
            if (m.size() == 1) {
                Map.Entry<String, Object> only = m.entrySet().iterator().next();
                if (only.getValue() instanceof List<?> list && list.stream().anyMatch(e -> !(e instanceof Map<?, ?>))) {
                    r.element(DEFAULT_ROOT, m);
                } else {
                    r.element(only.getKey(), only.getValue());
                }
            } else {
                r.element(DEFAULT_ROOT, m);
            }
        } catch (InvalidAttribute e) {
            return null;
        }
        return GoText.utf8(r.out);
    }

    @SuppressWarnings("unchecked")
    private void element(String key, Object value) {
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append('<').append(key).append("/>");
                return;
            }
            for (Object v : list) {
                element(key, v);
            }
            return;
        }
        out.append('<').append(key);
        if (value instanceof Map<?, ?> map) {
            object(key, (Map<String, Object>) map);
            return;
        }
        String text = value == null ? "" : value instanceof String s ? escape(s) : value.toString();
        if (text.isEmpty()) {
            out.append("/>");
        } else {
            out.append('>').append(text).append("</").append(key).append('>');
        }
    }

    private void object(String key, Map<String, Object> m) {
        List<String[]> attributes = new ArrayList<>();
        List<String> children = new ArrayList<>(m.size());
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String k = e.getKey();
            if (isAttribute(k)) {
                attributes.add(new String[] {k.substring(1), attribute(e.getValue())});
            } else if (!k.equals(TEXT)) {
                children.add(k);
            }
        }
        attributes.sort((a, b) -> DataWriter.GO_KEY_ORDER.compare(a[0], b[0]));
        for (String[] a : attributes) {
            out.append(' ').append(a[0]).append("=\"").append(a[1]).append('"');
        }
        if (attributes.size() == m.size()) {
            out.append("/>");
            return;
        }
        if (m.containsKey(TEXT)) {
            out.append('>').append(text(m.get(TEXT)));
            if (attributes.size() + 1 == m.size()) {
                out.append("</").append(key).append('>');
                return;
            }
        } else {
            out.append('>');
        }
        String[] sorted = children.toArray(new String[0]);
        Arrays.sort(sorted, DataWriter.GO_KEY_ORDER);
        for (String child : sorted) {
            element(child, m.get(child));
        }
        out.append("</").append(key).append('>');
    }

    private static boolean isAttribute(String key) {
        return key.length() > 1 && key.charAt(0) == '-';
    }

    private static String attribute(Object v) {
        if (v instanceof String s) {
            return escape(s);
        }
        if (v instanceof RawNumber || v instanceof Boolean) {
            return v.toString();
        }
        throw new InvalidAttribute();
    }

    /** mxj writes a string {@code #text} escaped, anything else as Go's {@code %v}. */
    private static String text(Object v) {
        if (v instanceof String s) {
            return escape(s);
        }
        StringBuilder b = new StringBuilder();
        GoText.formatV(b, v);
        return b.toString();
    }

    /** mxj's {@code escapeChars}: {@code &} first, so nothing is escaped twice. */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (e != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (e != null) {
                    b.append(e);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** mxj's "invalid attribute value" error: the whole render fails. */
    private static final class InvalidAttribute extends RuntimeException {
        InvalidAttribute() {
            super(null, null, false, false);
        }
    }
}
