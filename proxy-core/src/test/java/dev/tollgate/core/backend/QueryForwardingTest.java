package dev.tollgate.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.core.config.InputFilter;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scanning query filter must produce byte for byte what decoding the whole query with Netty's
 * QueryStringDecoder and sorting it in a TreeMap produced (kept as {@link QueryForwarding#appendDecoded}).
 */
class QueryForwardingTest {
    private static String forward(String query, String... allowed) {
        StringBuilder sb = new StringBuilder();
        new QueryForwarding(new InputFilter(false, Set.of(allowed))).appendTo(sb, query, '?');
        return sb.toString();
    }

    private static String reference(String query, InputFilter filter) {
        StringBuilder sb = new StringBuilder();
        QueryForwarding.appendDecoded(sb, query, '?', filter);
        return sb.toString();
    }

    @Test
    void sortsByNameAndKeepsRepeatedValuesInOrder() {
        assertEquals("?a=3&a=1&b=2", forward("z=9&b=2&a=3&a=1", "a", "b"));
        assertEquals("?a=1&a=2", forward("a=1&x=0&a=2", "a"));
        assertEquals("?a=1&a=2&a=3&a=4&a=5&a=6&b=0", forward("b=0&a=1&a=2&a=3&a=4&a=5&a=6", "a", "b"));
    }

    @Test
    void emptyValuesAndNamesWithoutEquals() {
        assertEquals("?a=&b=", forward("a&b=", "a", "b"));
        assertEquals("?a=&a=", forward("a=&a", "a"));
        assertEquals("?a=x", forward("=&==a=x&&", "a"), "leading '=' are skipped, empty pairs dropped");
        assertEquals("", forward("=a", "b"));
        assertEquals("?a=%3Db", forward("a==b", "a"));
    }

    @Test
    void percentEncodedAndPlusNames() {
        assertEquals("?a=1&a=2", forward("%61=1&a=2", "a"));
        assertEquals("?a+b=1&a+b=2", forward("a+b=1&a%20b=2&a%2Bb=3", "a b"));
        assertEquals("?a%2Bb=3", forward("a+b=1&a%2Bb=3", "a+b"));
        assertEquals("?f%5Bx%5D=1&f%5Bx%5D=2", forward("f[x]=1&f%5Bx%5D=2", "f[x]"));
    }

    @Test
    void valuesAreDecodedThenQueryEscaped() {
        assertEquals("?q=a+b+c%2B%2F%3A~", forward("q=a+b%20c%2b/:%7E", "q"));
        assertEquals("?q=%C3%A9%E2%82%AC", forward("q=%c3%a9%E2%82%AC", "q"));
        assertEquals("?q=%EF%BF%BDA", forward("q=%C3%41", "q"), "malformed UTF-8 becomes U+FFFD");
        assertEquals("?q=%C3%A9", forward("q=\u00e9", "q"));
    }

    @Test
    void separatorsLeadingQuestionMarkAndFragment() {
        assertEquals("?a=1&b=2", forward("a=1;b=2", "a", "b"));
        assertEquals("?a=1", forward("?a=1", "a"));
        assertEquals("?a=1", forward("a=1#b=2", "a", "b"));
    }

    @Test
    void aPairWithAMalformedEscapeIsDroppedAsGoDoesTheRestIsForwarded() {
        // It used to throw from inside the exchange: the request then hung until the endpoint timeout.
        assertEquals("?a=1", forward("a=1&other=%zz", "a"));
        assertEquals("?a=1", forward("a=1&o%=1", "a"));
        assertEquals("", forward("a=%4", "a"));
        assertEquals("?a=1&b=2", forward("a=1&b=%zz&b=2", "a", "b"));
        assertEquals("?a=1&c=3", reference("a=1;x=%G1;c=3", InputFilter.ALL));
    }

    @Test
    void onlyTheFirst1024PairsCount() {
        String query = "x=0&".repeat(1023) + "a=1&a=2";
        assertEquals("?a=1", forward(query, "a"));
        assertEquals("?a=1", forward(query + "&b=%zz", "a"));
    }

    @Test
    void rangeOverloadReadsOnlyTheRange() {
        StringBuilder sb = new StringBuilder("/x");
        new QueryForwarding(new InputFilter(false, Set.of("a"))).appendTo(sb, "/p?b=1&a=2#f", 3, 10, '?');
        assertEquals("/x?a=2", sb.toString());
    }

    @Test
    void agreesWithDecodingEverythingOnRandomQueries() {
        String[] pieces = {"a", "b", "ab", "A", "%61", "%62", "%41", "=", "=", "&", "&", ";", "+", "%20", "%2B",
            "%2b", "%C3%A9", "%c3", "%E2%82", "%zz", "%4", "%", "\u00e9", "\uD83D\uDE00", "\uD83D", "?", "#", "x",
            "~", "/", "[", "%3D", "%26"};
        List<InputFilter> filters = List.of(new InputFilter(false, Set.of("a")),
                new InputFilter(false, Set.of("a", "b", "ab")), new InputFilter(false, Set.of("a b", "a+b", "\u00e9")),
                new InputFilter(false, Set.of("A", "b=", "x")), InputFilter.ALL);
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder q = new StringBuilder();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                q.append(pieces[random.nextInt(pieces.length)]);
            }
            String query = q.toString();
            for (InputFilter filter : filters) {
                String want;
                try {
                    want = reference(query, filter);
                } catch (IllegalArgumentException e) {
                    want = "IAE";
                }
                String got;
                try {
                    StringBuilder sb = new StringBuilder();
                    new QueryForwarding(filter).appendTo(sb, query, '?');
                    got = sb.toString();
                } catch (IllegalArgumentException e) {
                    got = "IAE";
                }
                assertEquals(want, got, () -> query + " with " + filter);
            }
        }
    }
}
