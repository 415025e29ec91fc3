package dev.tollgate.core.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Precedence rules the segment trie must keep from the original "sorted list, first match wins" router, checked
 * directly and against a reference copy of that router on random route sets and paths.
 */
class RouterPrecedenceTest {
    private static Router<String> router(String... methodAndPath) {
        Router.Builder<String> b = Router.builder();
        for (String route : methodAndPath) {
            String[] parts = route.split(" ");
            b.add(parts[0], PathTemplate.parse(parts[1]), route);
        }
        return b.build();
    }

    @Test
    void literalWinsAtTheFirstDifferingSegmentEvenIfALaterSegmentIsAParameter() {
        Router<String> r = router("GET /{y}/b/c", "GET /a/{x}/c");
        assertEquals("GET /a/{x}/c", r.match("GET", "/a/b/c").target());
        assertEquals("GET /{y}/b/c", r.match("GET", "/z/b/c").target());
    }

    @Test
    void deadEndLiteralBranchBacktracksToTheParameter() {
        Router<String> r = router("GET /a/{x}/c", "GET /{y}/b/d");
        RouteMatch<String> m = r.match("GET", "/a/b/d");
        assertEquals("GET /{y}/b/d", m.target());
        assertArrayEquals(new String[] {"a"}, m.params());
    }

    @Test
    void sameShapeTemplatesKeepRegistrationOrderAndAnsweringPathDecidesTheMethod() {
        Router<String> r = router("GET /a/{x}", "POST /a/{y}");
        assertEquals("GET /a/{x}", r.match("GET", "/a/1").target());
        RouteMatch<String> post = r.match("POST", "/a/1");
        assertEquals(RouteMatch.Outcome.METHOD_NOT_ALLOWED, post.outcome());
        assertEquals("GET", post.allow());
    }

    @Test
    void staticPathWinsAndNeverFallsBackToATemplateForAnotherMethod() {
        Router<String> r = router("GET /users/{id}", "DELETE /users/{id}", "GET /users/me");
        RouteMatch<String> m = r.match("DELETE", "/users/me");
        assertEquals(RouteMatch.Outcome.METHOD_NOT_ALLOWED, m.outcome());
        assertEquals("GET", m.allow());
    }

    @Test
    void moreSpecificTemplateLackingTheMethodIs405NotALessSpecificMatch() {
        Router<String> r = router("GET /a/{x}/{y}", "POST /a/b/{y}");
        RouteMatch<String> m = r.match("GET", "/a/b/1");
        assertEquals(RouteMatch.Outcome.METHOD_NOT_ALLOWED, m.outcome());
        assertEquals("POST", m.allow());
    }

    @Test
    void emptyLiteralSegmentsAndPathsWithoutLeadingSlash() {
        Router<String> r = router("GET /a//{x}", "GET /{x}/", "GET /b/{x}");
        assertEquals("GET /a//{x}", r.match("GET", "/a//1").target());
        assertEquals("GET /{x}/", r.match("GET", "/q/").target());
        assertEquals(RouteMatch.Outcome.NOT_FOUND, r.match("GET", "b/1").outcome());
        assertEquals(RouteMatch.Outcome.NOT_FOUND, r.match("GET", "").outcome());
        assertEquals(RouteMatch.Outcome.NOT_FOUND, r.match("GET", "//").outcome());
    }

    @Test
    void agreesWithTheSortedListRouterOnRandomRoutes() {
        Random random = new Random(42);
        String[] words = {"a", "b", "c", "", "{p}"};
        String[] methods = {"GET", "POST"};
        for (int round = 0; round < 300; round++) {
            Router.Builder<String> builder = Router.builder();
            Reference reference = new Reference();
            Set<String> seen = new LinkedHashSet<>();
            int routes = 1 + random.nextInt(12);
            for (int i = 0; i < routes; i++) {
                String path = randomPath(random, words, i);
                String method = methods[random.nextInt(2)];
                if (seen.add(method + " " + path)) {
                    builder.add(method, PathTemplate.parse(path), method + " " + path);
                    reference.add(method, PathTemplate.parse(path), method + " " + path);
                }
            }
            Router<String> router = builder.build();
            reference.build();
            for (int i = 0; i < 40; i++) {
                String path = randomRequest(random);
                for (String method : methods) {
                    RouteMatch<String> got = router.match(method, path);
                    RouteMatch<String> want = reference.match(method, path);
                    String where = seen + " " + method + " " + path;
                    assertEquals(want.outcome(), got.outcome(), where);
                    assertEquals(want.target(), got.target(), where);
                    assertArrayEquals(want.params(), got.params(), where);
                    assertEquals(want.allow(), got.allow(), where);
                }
            }
        }
    }

    private static String randomPath(Random random, String[] words, int index) {
        StringBuilder sb = new StringBuilder();
        int segments = 1 + random.nextInt(3);
        int params = 0;
        for (int s = 0; s < segments; s++) {
            String w = words[random.nextInt(words.length)];
            sb.append('/').append(w.equals("{p}") ? "{p" + index + "_" + params++ + "}" : w);
        }
        return sb.toString();
    }

    private static String randomRequest(Random random) {
        String[] words = {"a", "b", "c", "", "x"};
        StringBuilder sb = new StringBuilder();
        int segments = 1 + random.nextInt(4);
        for (int s = 0; s < segments; s++) {
            sb.append('/').append(words[random.nextInt(words.length)]);
        }
        return sb.toString();
    }

    /** The original router: static map, then templates sorted most specific first, first match wins. */
    private static final class Reference {
        private final Map<String, Map<String, String>> byPath = new LinkedHashMap<>();
        private final Map<String, PathTemplate> templates = new LinkedHashMap<>();
        private final List<PathTemplate> sorted = new ArrayList<>();

        void add(String method, PathTemplate template, String target) {
            templates.putIfAbsent(template.text(), template);
            byPath.computeIfAbsent(template.text(), k -> new LinkedHashMap<>()).put(method, target);
        }

        void build() {
            for (PathTemplate t : templates.values()) {
                if (!t.isStatic()) {
                    sorted.add(t);
                }
            }
            sorted.sort(Reference::compareSpecificity);
        }

        RouteMatch<String> match(String method, String path) {
            PathTemplate s = templates.get(path);
            if (s != null && s.isStatic()) {
                return answer(byPath.get(path), method, new String[0]);
            }
            for (PathTemplate t : sorted) {
                String[] values = new String[t.paramCount()];
                if (t.match(path, values)) {
                    return answer(byPath.get(t.text()), method, values);
                }
            }
            return RouteMatch.notFound();
        }

        private static RouteMatch<String> answer(Map<String, String> methods, String method, String[] values) {
            String target = methods.get(method);
            return target != null ? RouteMatch.found(target, values)
                    : RouteMatch.methodNotAllowed(String.join(", ", methods.keySet()));
        }

        static int compareSpecificity(PathTemplate a, PathTemplate b) {
            int n = Math.min(a.segmentCount(), b.segmentCount());
            for (int i = 0; i < n; i++) {
                boolean aParam = a.literal(i) == null;
                boolean bParam = b.literal(i) == null;
                if (aParam != bParam) {
                    return aParam ? 1 : -1;
                }
            }
            return Integer.compare(b.segmentCount(), a.segmentCount());
        }
    }
}
