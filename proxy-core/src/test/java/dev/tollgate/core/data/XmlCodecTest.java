package dev.tollgate.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The xml render and the backend xml decoder against clbanning/mxj v2.7.0 (xml.go: Map.Xml with
 * XMLEscapeChars(true) as krakend-xml's gin/render.go sets it; NewMapXmlReader as krakend-xml's xml.go calls it):
 * every expected text is what mxj produced for the same input.
 */
class XmlCodecTest {
    @SuppressWarnings("unchecked")
    private static String xml(String json) throws BadDataException {
        byte[] in = json.getBytes(StandardCharsets.UTF_8);
        return new String(OutputEncoding.XML.render((Map<String, Object>) DataReader.read(in, 0, in.length)),
                StandardCharsets.UTF_8);
    }

    private static String decoded(String xml) throws BadDataException {
        return new String(DataWriter.write(BackendEncoding.XML.decode(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.ISO_8859_1)), false)), StandardCharsets.UTF_8);
    }

    @Test
    void rendersUnderDocWithAttributesTextAndRepeatedElements() throws BadDataException {
        assertEquals("<doc><a id=\"1\">x&lt;y</a><b>1</b><b>q</b><b><c/></b><e/><n/><s/><t>true</t></doc>",
                xml("{\"a\":{\"-id\":\"1\",\"#text\":\"x<y\"},\"b\":[1,\"q\",{\"c\":null}],\"e\":[],\"n\":null,"
                        + "\"s\":\"\",\"t\":true}"));
        assertEquals("<doc/>", xml("{}"));
        assertEquals("<doc/>", new String(OutputEncoding.XML.render(null), StandardCharsets.UTF_8));
        assertEquals("<doc><a>1</a><b>2</b></doc>", xml("{\"a\":\"1\",\"b\":\"2\"}"));
    }

    @Test
    void aLoneKeyIsTheRootUnlessItHoldsAListWithANonObject() throws BadDataException {
        assertEquals("<k>v</k>", xml("{\"k\":\"v\"}"));
        assertEquals("<only><x>1</x><y>a&amp;b&apos;&quot;</y></only>", xml("{\"only\":{\"x\":1,\"y\":\"a&b'\\\"\"}}"));
        assertEquals("<items><a>1</a></items><items><a>2</a></items>", xml("{\"items\":[{\"a\":1},{\"a\":2}]}"));
        assertEquals("<doc><items><a>1</a></items><items>2</items></doc>", xml("{\"items\":[{\"a\":1},2]}"));
        assertEquals("<items/>", xml("{\"items\":[]}"));
        assertEquals("<doc><r>1</r><r>2</r><r>3</r><s>1</s></doc>", xml("{\"r\":[[1,2],[3]],\"s\":1}"));
    }

    @Test
    void attributesAndTextFollowMxjsRules() throws BadDataException {
        assertEquals("<r a=\"1\" b=\"true\" c=\"1.5\"/>", xml("{\"r\":{\"-a\":\"1\",\"-b\":true,\"-c\":1.5}}"));
        assertEquals("<r k=\"v\">map[a:x b:[1 &lt;nil&gt;]]</r>".replace("&lt;nil&gt;", "<nil>"),
                xml("{\"r\":{\"#text\":{\"b\":[1,null],\"a\":\"x\"},\"-k\":\"v\"}}"));
        assertEquals("<r k=\"v\"><nil></r>", xml("{\"r\":{\"#text\":null,\"-k\":\"v\"}}"));
        assertEquals("<r k=\"v\">t<c>x</c></r>", xml("{\"r\":{\"#text\":\"t\",\"c\":\"x\",\"-k\":\"v\"}}"));
        assertEquals("<r>[1 2]</r>", xml("{\"r\":{\"#text\":[1,2]}}"));
        assertEquals("<r x=\"y\"><->x</-></r>", xml("{\"r\":{\"-\":\"x\",\"-x\":\"y\"}}"));
        assertEquals("<doc><x>café 😀</x><y><z/></y></doc>", xml("{\"x\":\"caf\\u00e9 \\ud83d\\ude00\",\"y\":{\"z\":{}}}"));
    }

    @Test
    void anAttributeMxjCannotWriteLeavesTheBodyEmpty() throws BadDataException {
        // mxj: "invalid attribute value"; krakend-xml's Render ignores the error, so nothing is written
        assertEquals("", xml("{\"r\":{\"-a\":null}}"));
        assertEquals("", xml("{\"r\":{\"-a\":{\"x\":1}}}"));
    }

    @Test
    void decodesAsMxjDoes() throws BadDataException {
        assertEquals("{\"r\":{\"#text\":\"u\",\"-p\":\"u\",\"-x\":\"1\",\"a\":[\"1\",\"2\"],\"b\":\"\"}}",
                decoded("<?xml version=\"1.0\"?><r x=\"1\" xmlns:p=\"u\"><p:a>1</p:a><a>2</a>t<b/><!--c-->u</r>"));
        assertEquals("{\"r\":{\"#text\":\"x\",\"b\":\"\"}}", decoded("<r>x<b/>y</r>"));
        assertEquals("{\"r\":\"spaced\"}", decoded("<r>  spaced \n </r>"));
        assertEquals("{\"r\":{\"a\":[\"1\",\"2\",\"3\"]}}", decoded("<r><a>1</a><a>2</a><a>3</a></r>"));
        assertEquals("{\"r\":\"\\u003cb\\u003e\"}", decoded("<r><![CDATA[<b>]]></r>"));
        assertEquals("{\"r\":\"bar\"}", decoded("<r>foo<![CDATA[bar]]></r>"));
        assertEquals("{\"r\":\"a\\u0026bA\"}", decoded("<r>a&amp;b&#65;</r>"));
        assertEquals("{\"r\":{\"-a\":\"1\"}}", decoded("<r a=\"1\"/>"));
        assertEquals("{\"r\":\"\"}", decoded("<r/>"));
        assertEquals("{\"r\":{\"a\":[{\"#text\":\"t\",\"-x\":\"1\"},\"u\"]}}", decoded("<r><a x=\"1\">t</a><a>u</a></r>"));
        assertEquals("{\"r\":{\"-lang\":\"en\",\"-xmlns\":\"urn:x\",\"#text\":\"v\"}}".replace(
                "{\"-lang\":\"en\",\"-xmlns\":\"urn:x\",\"#text\":\"v\"}", "{\"#text\":\"v\",\"-lang\":\"en\",\"-xmlns\":\"urn:x\"}"),
                decoded("<r xmlns=\"urn:x\" xml:lang=\"en\">v</r>"));
        assertEquals("{\"r\":\"text\"}", decoded("<r>text</r><second/>"));
        assertEquals("{\"r\":\"2\"}", decoded("<r>1<!--x-->2</r>"));
        assertEquals("{\"r\":{\"#text\":\"mid\",\"x\":[\"1\",\"2\"]}}", decoded("<r><x>1</x>mid<x>2</x></r>"));
        assertEquals("{\"r\":{\"a\":{\"b\":{\"c\":\"deep\"}}}}", decoded("<r><a><b><c>deep</c></b></a></r>"));
        // krakend-xml sets mxj's charset reader (golang.org/x/net/html/charset): a declared encoding is honoured
        assertEquals("{\"r\":\"café\"}", decoded("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf\u00e9</r>"));
    }

    @Test
    void isCollectionPutsTheMapUnderCollection() throws BadDataException {
        Map<String, Object> m = BackendEncoding.XML.decode(new ByteArrayInputStream("<r>1</r>".getBytes(
                StandardCharsets.UTF_8)), true);
        assertEquals("{\"collection\":{\"r\":\"1\"}}", new String(DataWriter.write(m), StandardCharsets.UTF_8));
    }

    @Test
    void badXmlIsAnError() {
        for (String bad : new String[] {"", "not xml", "<r><a></r>", "<r>&nope;</r>", "<a:b:c/>"}) {
            assertThrows(BadDataException.class, () -> decoded(bad), bad);
        }
    }

    @Test
    void noDtdNoEntitiesNothingExternalAndBoundedDepth() {
        // Go's decoder ignores a DOCTYPE and knows no entity but XML's five: so is the JDK's, set up here
        BadDataException internal = assertThrows(BadDataException.class,
                () -> decoded("<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>"));
        assertTrue(internal.getMessage().contains("\"x\""), internal.getMessage());
        assertThrows(BadDataException.class, () -> decoded("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<r>&x;</r>"));
        assertThrows(BadDataException.class, () -> decoded("<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]>"
                + "<r>&b;</r>"));
        String deep = "<a>".repeat(XmlReader.MAX_DEPTH + 1) + "</a>".repeat(XmlReader.MAX_DEPTH + 1);
        BadDataException tooDeep = assertThrows(BadDataException.class, () -> decoded(deep));
        assertTrue(tooDeep.getMessage().contains("deeper"), tooDeep.getMessage());
    }
}
