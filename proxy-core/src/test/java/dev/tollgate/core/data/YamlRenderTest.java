package dev.tollgate.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The yaml render against goccy/go-yaml v1.19.2 (gin v1.12.0's render/yaml.go): every expected text here is what
 * its {@code yaml.Marshal} printed for the same JSON decoded with {@code UseNumber}, as lura decodes it (the rules
 * are in encode.go, ast/ast.go and token/token.go IsNeedQuoted).
 */
class YamlRenderTest {
    @SuppressWarnings("unchecked")
    private static String yaml(String json) throws BadDataException {
        byte[] in = json.getBytes(StandardCharsets.UTF_8);
        return new String(OutputEncoding.YAML.render((Map<String, Object>) DataReader.read(in, 0, in.length)),
                StandardCharsets.UTF_8);
    }

    @Test
    void sortsKeysIndentsObjectsNotListsAndQuotesNumbers() throws BadDataException {
        assertEquals("""
                a: "1"
                b: x
                c:
                - "1"
                - d:
                    e: 1e3
                - - "1"
                  - "2"
                - k:
                  - z: |-
                      a
                      b
                e: []
                f: true
                m: {}
                "n": null
                s: |-
                  l1
                  l2
                t: "2024-01-15"
                x:
                  "y":
                  - a:
                      b: "1"
                """, yaml("{\"a\":1,\"b\":\"x\",\"c\":[1,{\"d\":{\"e\":\"1e3\"}}, [1,2], {\"k\":[{\"z\":\"a\\nb\"}]}],"
                + "\"s\":\"l1\\nl2\",\"t\":\"2024-01-15\",\"n\":null,\"f\":true,\"m\":{},\"e\":[],"
                + "\"x\":{\"y\":[{\"a\":{\"b\":1}}]}}"));
    }

    @Test
    void emptyAndNilMapsAreEmptyMappings() throws BadDataException {
        assertEquals("{}\n", yaml("{}"));
        assertEquals("{}\n", new String(OutputEncoding.YAML.render(null), StandardCharsets.UTF_8));
    }

    @Test
    void indicatorsKeywordsAndSpacesForceDoubleQuotes() throws BadDataException {
        assertEquals("""
                a: ""
                b: " x"
                c: "x "
                d: "a: b"
                e: a:b
                f: "- x"
                g: -x
                h: "#x"
                i: "a#b"
                j: "a\\\\b"
                k: "yes"
                l: "No"
                m: "~"
                "n": "-"
                o: "*x"
                p: "&x"
                q: "[x"
                r: "{x"
                s: "@x"
                t: "`x"
                u: "%x"
                v: "!x"
                w: "|x"
                x: ">x"
                "y": "'x"
                z: "\\"x"
                """, yaml("{\"a\":\"\",\"b\":\" x\",\"c\":\"x \",\"d\":\"a: b\",\"e\":\"a:b\",\"f\":\"- x\",\"g\":\"-x\","
                + "\"h\":\"#x\",\"i\":\"a#b\",\"j\":\"a\\\\b\",\"k\":\"yes\",\"l\":\"No\",\"m\":\"~\",\"n\":\"-\","
                + "\"o\":\"*x\",\"p\":\"&x\",\"q\":\"[x\",\"r\":\"{x\",\"s\":\"@x\",\"t\":\"`x\",\"u\":\"%x\","
                + "\"v\":\"!x\",\"w\":\"|x\",\"x\":\">x\",\"y\":\"'x\",\"z\":\"\\\"x\"}"));
    }

    @Test
    void numbersAsGoYamlSeesThem() {
        // token.go isNumber: strconv syntax after go-yaml's prefix rules; out of range still counts
        for (String n : new String[] {"123", "-5", "1.5", "0x1F", "0o17", "0b101", "012", "1_000", "+5", "+-5", ".5",
            "1.", "1.5e3", "99999999999999999999999", "1.0e999", "0X1.8p1", "0", "00", "-0"}) {
            assertTrue(YamlScalars.isNumber(n), n);
        }
        for (String n : new String[] {"09", "_1", "1.2.3", "-+5", "1e3", "0x1.8p1", ".inf", ".nan", "1.5e", "0x",
            "١٢"}) {
            assertFalse(YamlScalars.isNumber(n), n);
        }
    }

    @Test
    void timestampsAsGoTimeParseSeesThem() {
        for (String t : new String[] {"2024-01-15T10:00:00Z", "2024-01-15T10:00:00.123+02:00", "2024-01-15 10:00:00",
            "2024-01-15 10:00:00.5", "2024-02-29", "12:30", "1:2", "2024-01-15t10:00:00Z", "2024-01-15T9:00:00Z",
            "2024-01-15  10:00:00", "2024-01-15T10:00:00+24:00"}) {
            assertTrue(YamlScalars.isTimestamp(t), t);
        }
        // month, day of month (leap years), hour, minute and zone offset ranges; field widths; leftovers
        for (String t : new String[] {"24:00", "12:60", "2024-13-01", "2024-02-30", "2023-02-29", "2024-1-15",
            "123:4", "12:3x", "2024-01-15T10:00:00+25:00"}) {
            assertFalse(YamlScalars.isTimestamp(t), t);
        }
    }

    @Test
    void lineBreaksMakeLiteralBlocksWithGoYamlsChompingAndIndent() throws BadDataException {
        assertEquals("m1: |\n  a\n  b\n"
                + "m2: |+\n  a\n  b\n\n"
                + "m3: |-\r\n  a\r\n  b\n"
                + "m5: |-\n  a\n  \n  b\n"
                + "m6: \"  lead\\nx\"\n"
                + "m7: \"a #\\nb\"\n"
                + "nested:\n  deep:\n    l:\n    - |-\n      p\n      q\n    - r: |-\n        s\n        t\n"
                + "    s: |-\n      x\n      y\n",
                yaml("{\"m1\":\"a\\nb\\n\",\"m2\":\"a\\nb\\n\\n\",\"m3\":\"a\\r\\nb\",\"m5\":\"a\\n\\nb\","
                        + "\"m6\":\"  lead\\nx\",\"m7\":\"a #\\nb\","
                        + "\"nested\":{\"deep\":{\"s\":\"x\\ny\",\"l\":[\"p\\nq\",{\"r\":\"s\\nt\"}]}}}"));
    }

    @Test
    void quotedStringsUseStrconvQuote() throws BadDataException {
        assertEquals("""
                ctl: "#a\\x01b"
                del: "#a\\x7fb"
                ls: "#a\\u2028b"
                nbsp: "#a\\u00a0b"
                u: "#café 😀"
                """, yaml("{\"u\":\"#caf\\u00e9 \\ud83d\\ude00\",\"ctl\":\"#a\\u0001b\",\"nbsp\":\"#a\\u00a0b\","
                + "\"del\":\"#a\\u007fb\",\"ls\":\"#a\\u2028b\"}"));
        assertEquals("emoji: \uD83D\uDE00\ntab: a\tb\n", // a tab forces no quotes
                yaml("{\"emoji\":\"\\ud83d\\ude00\",\"tab\":\"a\\tb\"}"));
    }

    @Test
    void listsOfObjectsIndentTheirContinuationLines() throws BadDataException {
        assertEquals("""
                list:
                - a: "1"
                  b:
                    c: "2"
                    d:
                    - "3"
                    - "4"
                - e: |-
                    x
                    y
                """, yaml("{\"list\":[{\"a\":1,\"b\":{\"c\":2,\"d\":[3,4]}},{\"e\":\"x\\ny\"}]}"));
        assertEquals("""
                deep:
                  a:
                    b:
                      c:
                      - d: "1"
                        e:
                        - "2"
                        - f:
                            g: "3"
                l:
                - []
                - {}
                - - - "1"
                - null
                - true
                - x
                - a: []
                - b: {}
                """, yaml("{\"l\":[[],{},[[1]],null,true,\"x\",{\"a\":[]},{\"b\":{}}],"
                + "\"deep\":{\"a\":{\"b\":{\"c\":[{\"d\":1,\"e\":[2,{\"f\":{\"g\":3}}]}]}}}}"));
    }
}
