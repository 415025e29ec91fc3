package dev.tollgate.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes Go's json.Marshal (gin's c.JSON) writes, checked against Go's own output for the same values. */
class DataWriterTest {

    private static String write(Object v) {
        return new String(DataWriter.write(v), StandardCharsets.UTF_8);
    }

    @Test
    void sortsKeysAndWritesNoSpaces() {
        Map<String, Object> m = new HashMap<>();
        m.put("b", new RawNumber("1.50"));
        m.put("a", Arrays.asList(true, false, null, "x"));
        m.put("B", new HashMap<>());
        m.put("c", new ArrayList<>());
        assertEquals("{\"B\":{},\"a\":[true,false,null,\"x\"],\"b\":1.50,\"c\":[]}", write(m));
        assertEquals("null", write(null));
    }

    @Test
    void escapesAsGoWithHtmlEscaping() {
        // Go: json.Marshal("<a href=\"x\">&</a>\n\t\r\b\f\u0001\u2028\u2029/é😀")
        assertEquals("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e"
                + "\\n\\t\\r\\b\\f\\u0001\\u2028\\u2029/é😀\"",
                write("<a href=\"x\">&</a>\n\t\r\b\f\u0001\u2028\u2029/é😀"));
        assertEquals("\"back\\\\slash \\u001f \u007f\"", write("back\\slash \u001f \u007f"), "DEL is not escaped");
    }

    @Test
    void loneSurrogateBecomesReplacementCharacter() {
        assertEquals("\"a\uFFFDb\"", write("a\uD800b"));
    }

    @Test
    void ordersKeysByCodePointAsGoOrdersBytes() {
        Map<String, Object> m = new HashMap<>();
        m.put("\uFF01", 1 == 1);
        m.put("\uD83D\uDE00", false); // U+1F600 sorts after U+FF01 in UTF-8, before it in UTF-16
        m.put("z", true);
        assertEquals("{\"z\":true,\"\uFF01\":true,\"\uD83D\uDE00\":false}", write(m));
    }

    @Test
    void numbersAreWrittenAsTheBackendWroteThem() {
        assertEquals("[1e3,-0.0,12345678901234567890123]",
                write(List.of(new RawNumber("1e3"), new RawNumber("-0.0"), new RawNumber("12345678901234567890123"))));
    }
}
