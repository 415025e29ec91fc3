package dev.tollgate.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonTreeReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** krakend-ratelimit's ConfigGetter rules, and where Tollgate refuses what KrakenD would silently drop. */
class RateLimitParserTest {
    private final ConfigProblems problems = new ConfigProblems();
    private static final JsonPath AT = JsonPath.ROOT.key("endpoints").index(0).key("extra_config")
            .key("qos/ratelimit/router");

    private RouterLimitConfig router(String singleQuoted) {
        return RateLimitParser.router(json(singleQuoted), AT, problems);
    }

    private static dev.tollgate.core.config.json.JsonNode json(String singleQuoted) {
        try {
            return JsonTreeReader.read(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void capacitiesDefaultAsKrakendDefaultsThem() {
        RouterLimitConfig c = router("{'max_rate': 50, 'client_max_rate': 5}");
        assertEquals(new RateLimit(50, 50), c.endpoint());
        assertEquals(new RateLimit(5, 5), c.client());
        assertEquals(new ClientKey(ClientKey.Strategy.IP, null), c.clientKey(), "no strategy: by IP");
        assertEquals(Duration.ofMinutes(1), c.cleanupPeriod());

        RouterLimitConfig onlyClient = router("{'client_max_rate': 10, 'strategy': 'header', 'key': 'X-Key'}");
        assertNull(onlyClient.endpoint());
        assertEquals(1, onlyClient.client().capacity(), "KrakenD tests max_rate (0 here) for the client default");
        assertEquals(List.of(), problems.errors());
    }

    @Test
    void everyScalesTheRatesAndTheDefaultCapacities() {
        RouterLimitConfig c = router("{'max_rate': 50, 'capacity': 50, 'client_max_rate': 5, 'every': '10m'}");
        assertEquals(50.0 / 600, c.endpoint().perSecond(), 1e-12);
        assertEquals(50, c.endpoint().capacity());
        assertEquals(1, c.client().capacity(), "5 per 10 minutes is below one a second: capacity 1");
        RouterLimitConfig fast = router("{'max_rate': 2, 'every': '100ms'}");
        assertEquals(2, fast.endpoint().perSecond(), 1e-12, "every below 1s is 1s, as in KrakenD");
        assertEquals(List.of(AT.key("every") + ": \"100ms\" is below KrakenD's minimum; 1s is used, as KrakenD "
                + "uses it"), problems.warnings());
    }

    @Test
    void whatKrakendWouldSilentlyDropIsAnError() {
        router("{'client_max_rate': 5, 'strategy': 'cookie'}");
        router("{'client_max_rate': 5, 'strategy': 'header'}");
        router("{'max_rate': '10'}");
        router("{'max_rate': 10, 'every': 'a minute'}");
        router("{'max_rate': -1}");
        assertEquals(5, problems.errors().size(), problems.errors().toString());
        assertEquals(AT.key("strategy") + ": \"cookie\" is not a strategy (expected ip, header or param); KrakenD "
                + "would serve the endpoint without the client limit", problems.errors().get(0));
        assertEquals(AT.key("key") + ": is required with strategy \"header\" (which header tells clients apart)",
                problems.errors().get(1));
        assertEquals(AT.key("max_rate") + ": expected a number, got a string; KrakenD would ignore it and serve "
                + "without this limit", problems.errors().get(2));
    }

    @Test
    void aBlockThatLimitsNothingSaysSo() {
        RouterLimitConfig c = router("{'capacity': 10, 'num_shards': 64, 'cleanup_threads': 2}");
        assertEquals(true, c.limitsNothing());
        assertEquals(List.of(AT + ": sets neither max_rate nor client_max_rate above 0: no limit, as in KrakenD"),
                problems.warnings());
        assertNull(RateLimitParser.proxy(json("{'max_rate': 0}"), AT, problems));
    }
}
