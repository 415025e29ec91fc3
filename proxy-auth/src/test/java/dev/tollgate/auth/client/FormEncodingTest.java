package dev.tollgate.auth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Matches Go's net/url so token requests are byte-for-byte what KrakenD sends. */
class FormEncodingTest {

    @Test
    void queryEscapeAsGo() {
        assertEquals("a+b%2Bc%2F~%2A-_.", FormEncoding.queryEscape("a b+c/~*-_."));
        assertEquals("%C3%A9%3D%26%3F%25", FormEncoding.queryEscape("é=&?%"));
    }

    @Test
    void encodeKeepsMapOrderAndRepeatsKeys() {
        Map<String, List<String>> values = new TreeMap<>(Map.of("b", List.of("1", "2"), "a", List.of("x y")));
        assertEquals("a=x+y&b=1&b=2", FormEncoding.encode(values));
    }

    @Test
    void decodeTakesTheFirstValueAndToleratesBadEscapes() {
        Map<String, String> m = FormEncoding.decodeFirst("access_token=a%2Bb+c&x=1&x=2&bad=%zz%4&flag");
        assertEquals("a+b c", m.get("access_token"));
        assertEquals("1", m.get("x"));
        assertEquals("%zz%4", m.get("bad"));
        assertEquals("", m.get("flag"));
    }
}
