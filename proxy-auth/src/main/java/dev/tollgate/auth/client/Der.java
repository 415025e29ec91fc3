package dev.tollgate.auth.client;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The few DER pieces needed to turn the PKCS#1 and SEC1 private keys OpenSSL writes into the PKCS#8 the JDK reads:
 * reading one SEQUENCE's elements and writing tag-length-value. Not a general ASN.1 library.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} EXPLICIT, as SEC1 wraps the curve name. */
    static final int CONTEXT_0 = 0xa0;

    /** One element: its tag and its content octets. */
    record Element(int tag, byte[] content) {
    }

    private Der() {
    }

    /** The elements inside the SEQUENCE that {@code der} holds. */
    static List<Element> sequence(byte[] der) {
        Element outer = read(der, 0);
        if (outer.tag() != SEQUENCE) {
            throw new IllegalArgumentException("not a DER SEQUENCE");
        }
        List<Element> out = new ArrayList<>();
        byte[] c = outer.content();
        int at = 0;
        while (at < c.length) {
            Element e = read(c, at);
            out.add(e);
            at += encodedLength(c, at);
        }
        return out;
    }

    static Element read(byte[] der, int at) {
        int[] header = header(der, at);
        int start = at + header[0];
        int length = header[1];
        if (start + length > der.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        byte[] content = new byte[length];
        System.arraycopy(der, start, content, 0, length);
        return new Element(der[at] & 0xff, content);
    }

    private static int encodedLength(byte[] der, int at) {
        int[] header = header(der, at);
        return header[0] + header[1];
    }

    /** {header length, content length} of the element at {@code at}; short and long definite lengths only. */
    private static int[] header(byte[] der, int at) {
        if (at + 2 > der.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {2, first};
        }
        int n = first & 0x7f;
        if (n == 0 || n > 3 || at + 2 + n > der.length) {
            throw new IllegalArgumentException("unsupported DER length");
        }
        int length = 0;
        for (int i = 0; i < n; i++) {
            length = length << 8 | der[at + 2 + i] & 0xff;
        }
        return new int[] {2 + n, length};
    }

    static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8 & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    static byte[] encode(Element e) {
        return encode(e.tag(), e.content());
    }
}
