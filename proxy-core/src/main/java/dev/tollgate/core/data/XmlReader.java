package dev.tollgate.core.data;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * KrakenD CE's backend {@code xml} decoder: krakend-xml's {@code Decoder} ({@code xml.go}) is clbanning/mxj
 * v2.7.0's {@code NewMapXmlReader} without casting ({@code xml.go xmlToMapParser}) over Go's encoding/xml
 * tokens. Ported with the JDK's StAX parser:
 * <ul>
 *   <li>the result is {@code {root: value}}; attributes are {@code -name} keys, children keys by name, a repeated
 *       child becomes a list; every value is a string (mxj does not cast);</li>
 *   <li>an element with neither attributes nor children is its text ({@code ""} when empty); with either, its text
 *       is under {@code #text};</li>
 *   <li>each text run (Go's CharData: text between tags, comments and CDATA sections, a CDATA section a run of its
 *       own) is trimmed of tab, CR, LF, backspace and space; an empty one is dropped, a later one replaces an
 *       earlier one, and text read before the first child wins over text after it (mxj's order of assignments);</li>
 *   <li>names lose their namespace prefix as Go's {@code Name.Local} does ({@code p:a} is {@code a},
 *       {@code xmlns:p} is the attribute {@code -p}; a name with two colons is an error);</li>
 *   <li>nothing after the root element is read; an empty body is an error (Go's EOF).</li>
 * </ul>
 * Secure where Go's decoder is by construction: no DTD is processed and no entity but XML's five and character
 * references is expanded (one that is not declared is an error, as in Go), nothing external is fetched. Stricter:
 * nesting deeper than {@link #MAX_DEPTH} is an error (Go's decoder and mxj have no bound).
 */
final class XmlReader {
    static final int MAX_DEPTH = 1000;
    private static final String TEXT = "#text";
    /** One factory per thread (the event loops): the JDK does not promise a shared one is safe to use at once. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(XmlReader::factory);

    private final XMLStreamReader in;
    private int depth;

    private XmlReader(XMLStreamReader in) {
        this.in = in;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false); // Go keeps prefixes it cannot resolve
        f.setProperty(XMLInputFactory.IS_COALESCING, false); // CDATA stays a run of its own, as Go's token
        f.setProperty("http://java.sun.com/xml/stream/properties/report-cdata-event", true);
        return f;
    }

    /** The body's first XML element as mxj maps it. */
    static Map<String, Object> read(InputStream body) throws BadDataException {
        XMLStreamReader in = null;
        try {
            in = FACTORY.get().createXMLStreamReader(body);
            XmlReader r = new XmlReader(in);
            while (in.hasNext()) {
                if (in.next() == XMLStreamConstants.START_ELEMENT) {
                    return r.element();
                }
            }
            throw new BadDataException("empty body (EOF): no XML element");
        } catch (XMLStreamException e) {
            throw new BadDataException("invalid XML: " + message(e));
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (XMLStreamException ignored) {
                    // the body is in memory; nothing to release
                }
            }
        }
    }

    private static String message(XMLStreamException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    /** xmlToMapParser for the element the reader is on: {@code {name: value}}. */
    private Map<String, Object> element() throws XMLStreamException, BadDataException {
        if (++depth > MAX_DEPTH) {
            throw new BadDataException("XML nested deeper than " + MAX_DEPTH + " elements");
        }
        String key = local(in.getLocalName());
        Map<String, Object> n = new HashMap<>(2);
        Map<String, Object> na = new HashMap<>();
        for (int i = 0, count = in.getAttributeCount(); i < count; i++) {
            na.put("-" + local(in.getAttributeLocalName(i)), in.getAttributeValue(i));
        }
        StringBuilder run = null; // the text run being read (the JDK may split one into several events)
        while (true) {
            int event = in.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.SPACE) {
                if (run == null) {
                    run = new StringBuilder();
                }
                run.append(in.getTextCharacters(), in.getTextStart(), in.getTextLength());
                continue;
            }
            if (run != null) {
                text(key, n, na, run.toString());
                run = null;
            }
            switch (event) {
                case XMLStreamConstants.CDATA -> text(key, n, na, in.getText());
                case XMLStreamConstants.START_ELEMENT -> {
                    Map<String, Object> child = element();
                    Map.Entry<String, Object> only = child.entrySet().iterator().next();
                    Object existing = na.get(only.getKey());
                    if (existing == null && !na.containsKey(only.getKey())) {
                        na.put(only.getKey(), only.getValue());
                    } else if (existing instanceof List<?> list) {
                        @SuppressWarnings("unchecked")
                        List<Object> values = (List<Object>) list;
                        values.add(only.getValue());
                    } else {
                        List<Object> values = new ArrayList<>(4);
                        values.add(existing);
                        values.add(only.getValue());
                        na.put(only.getKey(), values);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (n.isEmpty()) {
                        n.put(key, na.isEmpty() ? "" : na);
                    } else if (!na.isEmpty()) {
                        na.put(TEXT, n.get(key)); // text before the first child wins
                        n.put(key, na);
                    }
                    return n;
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end of the body");
                default -> {
                    // comments, processing instructions, entity references: end a text run, add nothing
                }
            }
        }
    }

    /** mxj's CharData case. */
    private static void text(String key, Map<String, Object> n, Map<String, Object> na, String raw) {
        String t = trim(raw);
        if (t.isEmpty()) {
            return;
        }
        if (!na.isEmpty()) {
            na.put(TEXT, t);
        } else {
            n.put(key, t);
        }
    }

    /** strings.Trim with mxj's cutset {@code "\t\r\b\n "}. */
    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && cut(s.charAt(from))) {
            from++;
        }
        while (to > from && cut(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean cut(char c) {
        return c == '\t' || c == '\r' || c == '\b' || c == '\n' || c == ' ';
    }

    /** Go's Name.Local: what follows the colon of {@code space:local}; a name with two colons is Go's error. */
    private static String local(String qname) throws XMLStreamException {
        int colon = qname.indexOf(':');
        if (colon < 0) {
            return qname;
        }
        if (qname.indexOf(':', colon + 1) >= 0) {
            throw new XMLStreamException("expected element name: " + qname + " has more than one colon");
        }
        return colon == 0 || colon == qname.length() - 1 ? qname : qname.substring(colon + 1);
    }
}
