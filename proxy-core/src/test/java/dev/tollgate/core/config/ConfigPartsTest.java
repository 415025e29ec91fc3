package dev.tollgate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small pieces the loader is built from. */
class ConfigPartsTest {

    @Test
    void goDurations() {
        assertEquals(Duration.ofMillis(150), GoDuration.parse("150ms"));
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1.5us"));
        assertEquals(Duration.ofNanos(2000), GoDuration.parse("2µs"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        assertEquals(Duration.ofSeconds(-2), GoDuration.parse("-2s"));
        for (String bad : List.of("", "s", "2", "2 s", "2x", "--1s", "1.2.3s")) {
            assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(bad), bad);
        }
        assertEquals("1m30s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("150ms", GoDuration.format(Duration.ofMillis(150)));
        assertEquals("2h", GoDuration.format(Duration.ofHours(2)));
    }

    @Test
    void durationsPastInt64NanosecondsAreRefusedAsGoRefusesThem() {
        // Go: time: invalid duration "99999999999h"; a double cast to long used to saturate instead
        for (String big : List.of("99999999999h", "2562048h", "9223372036854775808ns", "2562047h47m17s")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(big),
                    big);
            assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        }
        assertEquals(Duration.ofHours(2562047), GoDuration.parse("2562047h"));
    }

    @Test
    void jsonPathsKnowTheirEndpoint() {
        assertEquals(-1, JsonPath.ROOT.key("extra_config").key("auth/validator").endpoint());
        assertEquals(2, JsonPath.ROOT.key("endpoints").index(2).key("backend").index(0).key("x").endpoint());
        assertEquals(-1, JsonPath.ROOT.key("extra_config").key("endpoints").key("y").endpoint());
    }

    @Test
    void jsonPaths() {
        assertEquals("$", JsonPath.ROOT.toString());
        assertEquals("endpoints[2].backend[0].extra_config[\"auth/client-credentials\"].token_url",
                JsonPath.ROOT.key("endpoints").index(2).key("backend").index(0).key("extra_config")
                        .key("auth/client-credentials").key("token_url").toString());
    }

    @Test
    void routeShapeIgnoresParameterNames() {
        assertEquals("/a/{}/b/{}", EndpointPath.shape("/a/{x}/b/{y}"));
        assertEquals("/", EndpointPath.shape("/"));
        assertEquals("/a/", EndpointPath.shape("/a/"));
    }

    @Test
    void endpointParamsInPathOrder() {
        ConfigProblems problems = new ConfigProblems();
        assertEquals(List.of("b", "a"), EndpointPath.params("/x/{b}/y/{a}", JsonPath.ROOT, problems));
        assertEquals(List.of(), problems.errors());
    }

    @Test
    void hostSanitising() {
        assertEquals("http://a:80", BackendHosts.sanitize("a:80/"));
        assertEquals("https://a", BackendHosts.sanitize("https://a///"));
        assertEquals("http://", BackendHosts.sanitize("http://"));
        assertEquals("http://a", BackendHosts.sanitize(" a "));
        assertNull(BackendHosts.problem("https://[2001:db8::1]"));
        assertNull(BackendHosts.problem("HTTP://A.example:65535"));
        assertEquals("has no valid host name", BackendHosts.problem("http://a b"));
    }
}
