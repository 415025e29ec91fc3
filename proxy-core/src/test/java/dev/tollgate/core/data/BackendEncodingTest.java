package dev.tollgate.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** lura's decoders (encoding/encoding.go): what each makes of a body, and which bodies fail the backend. */
class BackendEncodingTest {

    private static Map<String, Object> decode(BackendEncoding e, String body, boolean collection)
            throws BadDataException {
        return e.decode(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), collection);
    }

    private static String roundTrip(BackendEncoding e, String body, boolean collection) throws BadDataException {
        return new String(DataWriter.write(decode(e, body, collection)), StandardCharsets.UTF_8);
    }

    @Test
    void jsonKeepsTheFirstValueTheLastDuplicateAndNumberText() throws Exception {
        assertEquals("{\"a\":2,\"b\":[1.0,{\"c\":null}]}",
                roundTrip(BackendEncoding.JSON, " {\"b\":[1.0,{\"c\":null}],\"a\":1,\"a\":2} trailing", false));
        assertNull(decode(BackendEncoding.JSON, "null", false), "Go leaves the map nil");
    }

    @Test
    void jsonRefusesWhatIsNoObject() {
        for (String body : new String[] {"", "[1]", "\"x\"", "42", "<html>", "{\"a\":", "{\"a\" 1}"}) {
            assertThrows(BadDataException.class, () -> decode(BackendEncoding.JSON, body, false), body);
        }
        BadDataException e = assertThrows(BadDataException.class,
                () -> decode(BackendEncoding.JSON, "[1]", false));
        assertTrue(e.getMessage().contains("an array"), e.getMessage());
    }

    @Test
    void isCollectionWrapsAnArray() throws Exception {
        assertEquals("{\"collection\":[1,{\"a\":\"b\"}]}", roundTrip(BackendEncoding.JSON, "[1,{\"a\":\"b\"}]", true));
        assertThrows(BadDataException.class, () -> decode(BackendEncoding.JSON, "{}", true));
    }

    @Test
    void safeJsonTakesAnything() throws Exception {
        assertEquals("{\"a\":1}", roundTrip(BackendEncoding.SAFE_JSON, "{\"a\":1}", false));
        assertEquals("{\"collection\":[1]}", roundTrip(BackendEncoding.SAFE_JSON, "[1]", false));
        assertEquals("{\"content\":\"x\"}", roundTrip(BackendEncoding.SAFE_JSON, "\"x\"", false));
        assertEquals("{\"content\":null}", roundTrip(BackendEncoding.SAFE_JSON, "null", false));
        assertThrows(BadDataException.class, () -> decode(BackendEncoding.SAFE_JSON, "nope", false));
    }

    @Test
    void stringTakesTheWholeBody() throws Exception {
        assertEquals("{\"content\":\"\\u003cp\\u003ehi\\u003c/p\\u003e\\n\"}",
                roundTrip(BackendEncoding.STRING, "<p>hi</p>\n", false));
        assertEquals("{\"content\":\"\"}", roundTrip(BackendEncoding.STRING, "", false));
    }

    @Test
    void nestingIsBoundedByJacksonsLimit() throws Exception {
        String deep = "[".repeat(1001) + "]".repeat(1001);
        BadDataException e = assertThrows(BadDataException.class, () -> decode(BackendEncoding.SAFE_JSON, deep, false));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        String ok = "[".repeat(900) + "]".repeat(900);
        assertEquals(1, decode(BackendEncoding.SAFE_JSON, ok, false).size());
    }

    @Test
    void namesAreCaseInsensitiveAsLuraLowerCasesThem() {
        assertEquals(BackendEncoding.SAFE_JSON, BackendEncoding.byName("SafeJSON"));
        assertEquals(BackendEncoding.XML, BackendEncoding.byName("XML"));
        assertNull(BackendEncoding.byName("rss"));
    }
}
