package dev.tollgate.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.extension.GuardParams;
import dev.tollgate.core.routing.PathTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A guard's values ({@code {JWT.x}}) in a url_pattern: where they sit in the values, and how they are encoded. */
class UrlTemplateTest {
    private static final PathTemplate ENDPOINT = PathTemplate.parse("/orders/{id}");

    private static String render(UrlTemplate t, String... values) {
        return t.appendTo(new StringBuilder(), values).toString();
    }

    @Test
    void guardValuesFollowThePathParametersAndSequentialOnesFollowThem() {
        UrlTemplate t = UrlTemplate.compile("/u/{JWT.sub}/o/{id}?t={JWT.tenant}&n={resp0_next}", ENDPOINT,
                List.of("JWT.sub", "JWT.tenant", "resp0_next"));
        assertEquals("/u/alice/o/42?t=acme&n=a/b", render(t, "42", "alice", "acme", "a/b"),
                "the sequential value stays raw, as lura substitutes it");
        assertTrue(t.hasQuery());
    }

    @Test
    void aGuardValueStaysOneSegmentOrOneQueryValue() {
        UrlTemplate t = UrlTemplate.compile("/u/{JWT.sub}?q={JWT.sub}", ENDPOINT, List.of("JWT.sub"));
        assertEquals("/u/..%2Fadmin%3Fx%3D1%23f?q=..%2Fadmin%3Fx%3D1%23f", render(t, "7", "../admin?x=1#f"),
                "a slash, question mark or hash would change KrakenD's request; here they are data");
        assertEquals("/u/a%26b%3Dc%2Bd%3Be%25f%20g?q=a%26b%3Dc%2Bd%3Be%25f%20g", render(t, "7", "a&b=c+d;e%f g"));
        assertEquals("/u/J%C3%BCrgen%E2%82%AC?q=J%C3%BCrgen%E2%82%AC", render(t, "7", "Jürgen€"),
                "non-ASCII as its UTF-8 bytes");
        assertEquals("/u/%0D%0AX:%20y?q=%0D%0AX:%20y", render(t, "7", "\r\nX: y"),
                "no control character reaches the request line");
    }

    @Test
    void theUsualClaimsAreSentAsTheyAre() {
        UrlTemplate t = UrlTemplate.compile("/u/{JWT.sub}", ENDPOINT, List.of("JWT.sub"));
        for (String sub : List.of("1234567890qwertyuio", "alice@example.com", "urn:user:7", "role_a,role_b",
                "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "a.b~c_d!$'()*")) {
            assertEquals("/u/" + sub, render(t, "7", sub));
        }
    }

    @Test
    void pathParametersStayRawBesideAGuardValue() {
        UrlTemplate t = UrlTemplate.compile("/{id}/{JWT.sub}", ENDPOINT, List.of("JWT.sub"));
        assertEquals("/a%20b/a%20b", render(t, "a%20b", "a b"), "the path's value is URL text already");
    }

    @Test
    void aJwtPlaceholderNotBoundIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UrlTemplate.compile("/{JWT.sub}", ENDPOINT));
    }

    @Test
    void guardParamsSlotsAndTheValuesTheyRefuse() {
        GuardParams p = GuardParams.of(1, List.of("JWT.sub", "JWT.tenant"));
        String[] values = new String[3];
        values[0] = "42";
        assertEquals(1, p.offset());
        assertTrue(p.set(values, 1, "acme"));
        assertEquals("acme", values[2]);
        for (String unusable : List.of("", ".", "..")) {
            assertFalse(p.set(values, 0, unusable), "refused: " + unusable);
            assertNull(values[1]);
        }
        assertTrue(p.set(values, 0, "..."), "three dots are a name, not a path step");
        assertEquals(0, GuardParams.of(2, List.of()).size());
    }
}
