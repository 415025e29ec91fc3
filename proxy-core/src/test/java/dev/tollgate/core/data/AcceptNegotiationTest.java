package dev.tollgate.core.data;

import static dev.tollgate.core.data.OutputEncoding.JSON;
import static dev.tollgate.core.data.OutputEncoding.XML;
import static dev.tollgate.core.data.OutputEncoding.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** lura's negotiatedRender over gin v1.12.0's NegotiateFormat and parseAccept (context.go, utils.go). */
class AcceptNegotiationTest {
    @Test
    void offersJsonTextXmlYamlInThatOrder() {
        assertEquals(JSON, AcceptNegotiation.choose(null));
        assertEquals(JSON, AcceptNegotiation.choose(""));
        assertEquals(JSON, AcceptNegotiation.choose("application/json"));
        assertEquals(XML, AcceptNegotiation.choose("application/xml"));
        assertEquals(YAML, AcceptNegotiation.choose("application/x-yaml"));
        assertEquals(YAML, AcceptNegotiation.choose("text/plain"));
        assertEquals(JSON, AcceptNegotiation.choose("*/*"));
        assertEquals(JSON, AcceptNegotiation.choose("application/*"));
        assertEquals(YAML, AcceptNegotiation.choose("text/*"));
    }

    @Test
    void ginsMatchingQuirksAreKept() {
        // q values ignored, header order wins
        assertEquals(XML, AcceptNegotiation.choose("application/xml;q=0.1, application/json;q=0.9"));
        // no match at all: json; application/yaml is not gin's MIMEYAML (application/x-yaml)
        assertEquals(JSON, AcceptNegotiation.choose("application/yaml"));
        assertEquals(JSON, AcceptNegotiation.choose("text/html"));
        // a part that is a prefix of an offer matches it
        assertEquals(JSON, AcceptNegotiation.choose("application/"));
        assertEquals(YAML, AcceptNegotiation.choose("text/"));
        // longer than the offer, or another case: no match
        assertEquals(JSON, AcceptNegotiation.choose("application/xmlx, Application/XML"));
        // empty parts skipped; a part starting with ';' is kept whole (and matches nothing)
        assertEquals(XML, AcceptNegotiation.choose(" , ;q=1 ,\tapplication/xml ; charset=utf-8"));
        // Go's TrimSpace trims the UTF-8 no-break space too (Netty gives one char per header byte)
        assertEquals(XML, AcceptNegotiation.choose("\u00c2\u00a0application/xml\u00c2\u00a0"));
    }

    @Test
    void onlyNegotiateIsNegotiated() {
        assertEquals(XML, OutputEncoding.NEGOTIATE.negotiated("application/xml"));
        assertEquals(JSON, OutputEncoding.JSON.negotiated("application/xml"));
        assertEquals("application/xml", XML.contentType());
        assertEquals("application/yaml; charset=utf-8", YAML.contentType());
    }
}
