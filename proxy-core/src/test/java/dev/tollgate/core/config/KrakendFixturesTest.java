package dev.tollgate.core.config;

import static dev.tollgate.core.config.Configs.fails;
import static dev.tollgate.core.config.Configs.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.data.RawNumber;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Endpoints in the shape of krakend-ce's integration fixtures ({@code tests/fixtures/krakend.json}: the
 * param_forwarding, query_forwarding and no-op specs), so the configs KrakenD tests itself with load the same way.
 */
class KrakendFixturesTest {
    private static final String FIXTURE = """
            {
              'version': 3,
              'name': 'My lovely gateway',
              'port': 8080,
              'cache_ttl': '3600s',
              'timeout': '3s',
              'extra_config': {
                'router': {'return_error_msg': true},
                'telemetry/logging': {'level': 'DEBUG', 'prefix': '[KRAKEND]', 'syslog': false, 'stdout': true}
              },
              'endpoints': [
                {
                  'endpoint': '/crash',
                  'backend': [{'host': ['http://127.0.0.1:8081'], 'url_pattern': '/unknown'}]
                },
                {
                  'endpoint': '/no-op/ok',
                  'method': 'POST',
                  'output_encoding': 'no-op',
                  'backend': [{'encoding': 'no-op', 'host': ['http://127.0.0.1:8081'],
                               'url_pattern': '/param_forwarding/'}]
                },
                {
                  'endpoint': '/param_forwarding/some/{foo}/{bar}',
                  'input_headers': ['Authorization', 'X-Y-Z'],
                  'backend': [{'host': ['http://127.0.0.1:8081'], 'url_pattern': '/param_forwarding/{bar}?foo={foo}'}]
                },
                {
                  'endpoint': '/param_forwarding/some/{foo}/{bar}',
                  'method': 'POST',
                  'input_headers': ['Authorization', 'X-Y-Z'],
                  'backend': [{'host': ['http://127.0.0.1:8081'],
                               'url_pattern': '/param_forwarding/{bar}?foo={foo}&dump_body=1'}]
                },
                {
                  'endpoint': '/param_forwarding/all/{foo}/{bar}',
                  'input_headers': ['*'],
                  'backend': [{'host': ['http://127.0.0.1:8081'], 'url_pattern': '/param_forwarding/{bar}?foo={foo}'}]
                },
                {
                  'endpoint': '/query_forwarding/all/{name}',
                  'input_query_strings': ['*'],
                  'backend': [{'host': ['http://127.0.0.1:8081'], 'url_pattern': '/param_forwarding/{name}'}]
                },
                {
                  'endpoint': '/query_forwarding/some/{name}',
                  'input_query_strings': ['a'],
                  'backend': [{'host': ['http://127.0.0.1:8081'], 'url_pattern': '/param_forwarding/{name}'}]
                },
                {
                  'endpoint': '/redirect/{code}',
                  'backend': [{'host': ['http://127.0.0.1:8081'], 'url_pattern': '/redirect/?status={code}'}]
                }
              ]
            }""";

    @Test
    void loadsTheFixtureEndpoints() {
        LoadedConfig loaded = load(FIXTURE);
        GatewayConfig g = loaded.config();
        assertEquals("My lovely gateway", g.name());
        assertEquals(Duration.ofSeconds(3), g.timeout());
        assertEquals(8, g.endpoints().size());

        EndpointConfig noOp = g.endpoints().get(1);
        assertEquals("POST", noOp.method());
        assertEquals("no-op", noOp.outputEncoding());
        assertEquals("POST", noOp.backend().method());
        assertEquals("/param_forwarding/", noOp.backend().urlPattern());

        EndpointConfig someGet = g.endpoints().get(2);
        EndpointConfig somePost = g.endpoints().get(3);
        assertEquals(someGet.path(), somePost.path(), "same path, other method: not a duplicate");
        assertEquals("/param_forwarding/{bar}?foo={foo}", someGet.backend().urlPattern());
        assertEquals("/param_forwarding/{bar}?foo={foo}&dump_body=1", somePost.backend().urlPattern());
        assertEquals(new InputFilter(false, Set.of("authorization", "x-y-z")), someGet.inputHeaders());
        assertSame(InputFilter.NONE, someGet.inputQueryStrings());

        assertSame(InputFilter.ALL, g.endpoints().get(4).inputHeaders());
        assertSame(InputFilter.ALL, g.endpoints().get(5).inputQueryStrings());
        assertEquals(new InputFilter(false, Set.of("a")), g.endpoints().get(6).inputQueryStrings());
        assertEquals("/redirect/?status={code}", g.endpoints().get(7).backend().urlPattern());

        for (EndpointConfig e : g.endpoints()) {
            assertEquals(List.of("http://127.0.0.1:8081"), e.backend().hosts());
            assertEquals(Duration.ofSeconds(3), e.timeout());
        }
        assertEquals(List.of(), loaded.warnings());
        assertEquals(List.of(), loaded.notices(), "telemetry/logging is read (the log's shape, prefix, level)");
        assertEquals(new LoggingOptions("DEBUG", "[KRAKEND]", true, "default"), g.logging());
        assertEquals(List.of(), loaded.differences(), "json endpoints and cache_ttl are KrakenD's now");
        assertEquals(new ConfigSummary(8, 8, 0, 0, 0), loaded.summary());
        assertEquals(Duration.ofHours(1), g.endpoints().get(0).cacheTtl());
    }

    @Test
    void fixtureEndpointsWithSeveralBackendsSequentialAndStaticLoad() {
        LoadedConfig loaded = load("""
                {'version': 3, 'endpoints': [
                  {'endpoint': '/timeout', 'timeout': '100ms', 'backend': [
                    {'host': ['http://127.0.0.1:8081'], 'url_pattern': '/param_forwarding/123', 'group': 'first'},
                    {'host': ['http://127.0.0.1:8081'], 'url_pattern': '/delayed/', 'group': 'second'}]},
                  {'endpoint': '/sequential/ok/{param}', 'extra_config': {'proxy': {'sequential': true}},
                   'backend': [
                    {'url_pattern': '/param_forwarding/{param}', 'host': ['http://127.0.0.1:8081'], 'allow': ['foo']},
                    {'url_pattern': '/param_forwarding/{resp0_foo}', 'host': ['http://127.0.0.1:8081']}]},
                  {'endpoint': '/static', 'extra_config': {'proxy': {'static': {'strategy': 'always',
                    'data': {'foo': 42, 'bar': 'foobar'}}}},
                   'backend': [{'url_pattern': '/__debug', 'host': ['http://127.0.0.1:8080'], 'deny': ['message']}]}
                ]}""");
        assertEquals(List.of(), loaded.warnings());
        assertEquals(List.of(), loaded.differences());
        assertEquals(new ConfigSummary(3, 3, 0, 0, 0), loaded.summary());
        List<EndpointConfig> e = loaded.config().endpoints();
        assertEquals(2, e.get(0).backends().size());
        assertTrue(e.get(1).proxy().sequential());
        assertEquals("/param_forwarding/{resp0_foo}", e.get(1).backends().get(1).urlPattern());
        ProxyOptions.StaticResponse fixed = e.get(2).proxy().staticResponse();
        assertEquals("always", fixed.strategy());
        assertEquals(Map.of("foo", new RawNumber("42"), "bar", "foobar"), fixed.data());
    }

    @Test
    void sequentialPlaceholdersMustNameAnEarlierBackendOfASequentialEndpoint() {
        ConfigException e = fails("""
                {'version': 3, 'host': ['h'], 'endpoints': [
                  {'endpoint': '/a', 'backend': [{'url_pattern': '/x'}, {'url_pattern': '/{resp0_foo}'}]},
                  {'endpoint': '/b', 'extra_config': {'proxy': {'sequential': true, 'combiner': 'x'}},
                   'backend': [{'url_pattern': '/{resp0_foo}'}, {'url_pattern': '/{resp1_bar}'}]}
                ]}""");
        assertEquals(List.of(
                "endpoints[0].backend[1].url_pattern: placeholder {resp0_foo} needs KrakenD's sequential proxy: set "
                        + "extra_config.proxy.sequential to true",
                "endpoints[1].backend[0].url_pattern: placeholder {resp0_foo} names backend 0, which is not called "
                        + "before this one (backend 0)",
                "endpoints[1].backend[1].url_pattern: placeholder {resp1_bar} names backend 1, which is not called "
                        + "before this one (backend 1)"), e.errors());
        assertTrue(e.warnings().stream().anyMatch(w -> w.startsWith("behaviour differs from KrakenD: proxy (1 place: "
                + "endpoints[1].extra_config.proxy.combiner): KrakenD hands")), e.warnings().toString());
    }
}
