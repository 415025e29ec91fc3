package dev.tollgate.core.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router<String> router = Router.<String>builder()
            .add("GET", PathTemplate.parse("/users/{id}"), "user")
            .add("DELETE", PathTemplate.parse("/users/{id}"), "delete-user")
            .add("GET", PathTemplate.parse("/users/me"), "me")
            .add("GET", PathTemplate.parse("/users/{id}/orders/{order}"), "order")
            .add("POST", PathTemplate.parse("/orders"), "new-order")
            .add("GET", PathTemplate.parse("/"), "root")
            .build();

    @Test
    void bindsParametersPerSegment() {
        RouteMatch<String> m = router.match("GET", "/users/42/orders/7");
        assertTrue(m.found());
        assertEquals("order", m.target());
        assertArrayEquals(new String[] {"42", "7"}, m.params());
    }

    @Test
    void dotSegmentsNeverBindAParameter() {
        for (String id : new String[] {".", "..", "%2e%2E", ".%2e", "%2E"}) {
            assertEquals(RouteMatch.Outcome.NOT_FOUND, router.match("GET", "/users/" + id).outcome(), id);
            assertEquals(RouteMatch.Outcome.NOT_FOUND, router.match("GET", "/users/1/orders/" + id).outcome(), id);
        }
        for (String id : new String[] {"...", "a..", "..a", ".a", "%2e%2e%2e", "%2f"}) {
            assertArrayEquals(new String[] {id}, router.match("GET", "/users/" + id).params(), id);
        }
    }

    @Test
    void literalSegmentBeatsParameter() {
        assertEquals("me", router.match("GET", "/users/me").target());
        assertEquals("user", router.match("GET", "/users/you").target());
    }

    @Test
    void parameterNeverSpansSegmentsOrIsEmpty() {
        assertEquals(RouteMatch.Outcome.NOT_FOUND, router.match("GET", "/users/a/b").outcome());
        assertEquals(RouteMatch.Outcome.NOT_FOUND, router.match("GET", "/users/").outcome());
        assertEquals(RouteMatch.Outcome.NOT_FOUND, router.match("GET", "/users").outcome());
        assertEquals(RouteMatch.Outcome.NOT_FOUND, router.match("GET", "/users/1/orders/").outcome());
    }

    @Test
    void otherMethodOnAKnownPathIs405WithAllow() {
        RouteMatch<String> m = router.match("PUT", "/users/1");
        assertEquals(RouteMatch.Outcome.METHOD_NOT_ALLOWED, m.outcome());
        assertEquals("GET, DELETE", m.allow());
        assertEquals("POST", router.match("GET", "/orders").allow());
    }

    @Test
    void rootAndTrailingSlashAreExact() {
        assertEquals("root", router.match("GET", "/").target());
        assertFalse(router.match("POST", "/orders/").found());
    }

    @Test
    void rejectsMalformedTemplates() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("users"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/x{id}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{id}/{id}"));
        assertThrows(IllegalArgumentException.class, () -> Router.<String>builder()
                .add("GET", PathTemplate.parse("/a"), "1").add("GET", PathTemplate.parse("/a"), "2"));
    }
}
