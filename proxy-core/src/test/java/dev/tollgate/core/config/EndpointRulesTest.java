package dev.tollgate.core.config;

import static dev.tollgate.core.config.Configs.error;
import static dev.tollgate.core.config.Configs.fails;
import static dev.tollgate.core.config.Configs.load;
import static dev.tollgate.core.config.Configs.oneEndpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointRulesTest {
    private static final String BACKEND = "'backend': [{'url_pattern': '/x'}]";

    private static EndpointConfig endpoint(String keys) {
        return load(oneEndpoint("{" + keys + ", " + BACKEND + "}")).config().endpoints().get(0);
    }

    private static String endpointError(String keys) {
        return error(oneEndpoint("{" + keys + ", " + BACKEND + "}"));
    }

    @Test
    void endpointIsRequired() {
        assertEquals("endpoints[0].endpoint: is required", error(oneEndpoint("{" + BACKEND + "}")));
        assertEquals("endpoints[0].endpoint: must not be empty", endpointError("'endpoint': ''"));
    }

    @Test
    void pathMustStartWithSlash() {
        assertEquals("endpoints[0].endpoint: \"users\" must start with '/'", endpointError("'endpoint': 'users'"));
    }

    @Test
    void pathHasNoQuery() {
        assertEquals("endpoints[0].endpoint: \"/a?b=1\" must be a path only, without '?' or '#' "
                + "(use input_query_strings to forward query parameters)", endpointError("'endpoint': '/a?b=1'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/__health", "/__health/x", "/__echo", "/__echo/anything", "/__debug", "/__debug/a/b"})
    void reservedPathsAreRejected(String path) {
        String prefix = path.substring(0, path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1));
        assertEquals("endpoints[0].endpoint: \"" + path + "\" is reserved for Tollgate's built-in " + prefix
                + " endpoint", endpointError("'endpoint': '" + path + "'"));
    }

    @Test
    void pathsThatOnlyLookReservedAreFine() {
        assertEquals("/__healthz", endpoint("'endpoint': '/__healthz'").path());
        assertEquals("/api/__debug", endpoint("'endpoint': '/api/__debug'").path());
    }

    @Test
    void parametersAreWholeSegmentsWithValidUniqueNames() {
        assertEquals("endpoints[0].endpoint: segment \"user{id}\" of \"/user{id}\": a parameter must be a whole "
                + "segment such as {id}", endpointError("'endpoint': '/user{id}'"));
        assertEquals("endpoints[0].endpoint: segment \"{id\" of \"/a/{id\": a parameter must be a whole segment "
                + "such as {id}", endpointError("'endpoint': '/a/{id'"));
        assertEquals("endpoints[0].endpoint: parameter {a.b} of \"/x/{a.b}\": names use only letters, digits, "
                + "'_' and '-'", endpointError("'endpoint': '/x/{a.b}'"));
        assertEquals("endpoints[0].endpoint: parameter {} of \"/x/{}\": names use only letters, digits, '_' and '-'",
                endpointError("'endpoint': '/x/{}'"));
        assertEquals("endpoints[0].endpoint: parameter {id} appears twice in \"/a/{id}/b/{id}\"",
                endpointError("'endpoint': '/a/{id}/b/{id}'"));
    }

    @Test
    void parameterNamesFollowLura() {
        EndpointConfig e = load(oneEndpoint("{'endpoint': '/o/{order-id}/{Item_2}', "
                + "'backend': [{'url_pattern': '/{Item_2}/{order-id}'}]}")).config().endpoints().get(0);
        assertEquals("/{Item_2}/{order-id}", e.backend().urlPattern());
    }

    @Test
    void methodIsUpperCasedAndChecked() {
        assertEquals("DELETE", endpoint("'endpoint': '/a', 'method': 'delete'").method());
        for (String m : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")) {
            assertEquals(m, endpoint("'endpoint': '/a', 'method': '" + m + "'").method());
        }
        for (String m : List.of("CONNECT", "TRACE", "FETCH", "")) {
            assertEquals("endpoints[0].method: \"" + m + "\" is not supported (expected one of GET, POST, PUT, "
                    + "PATCH, DELETE, HEAD, OPTIONS)", endpointError("'endpoint': '/a', 'method': '" + m + "'"));
        }
    }

    @Test
    void duplicateMethodAndPathNamesBothIndexes() {
        ConfigException e = fails("""
                {'version': 3, 'host': ['h'], 'endpoints': [
                  {'endpoint': '/a/{id}', 'backend': [{'url_pattern': '/x'}]},
                  {'endpoint': '/a/{id}', 'method': 'POST', 'backend': [{'url_pattern': '/x'}]},
                  {'endpoint': '/b', 'backend': [{'url_pattern': '/x'}]},
                  {'endpoint': '/a/{name}', 'method': 'get', 'backend': [{'url_pattern': '/x'}]}
                ]}""");
        assertEquals(List.of("endpoints[3].endpoint: GET /a/{name} is already defined by endpoints[0]"),
                e.errors());
    }

    @Test
    void timeoutOverridesTheGatewayOne() {
        LoadedConfig loaded = load("""
                {'version': 3, 'timeout': '5s', 'host': ['h'], 'endpoints': [
                  {'endpoint': '/a', 'timeout': '1m30s', 'backend': [{'url_pattern': '/x'}]},
                  {'endpoint': '/b', 'backend': [{'url_pattern': '/x'}]},
                  {'endpoint': '/c', 'timeout': 1000000, 'backend': [{'url_pattern': '/x'}]}
                ]}""");
        List<EndpointConfig> endpoints = loaded.config().endpoints();
        assertEquals(Duration.ofSeconds(90), endpoints.get(0).timeout());
        assertEquals(Duration.ofSeconds(5), endpoints.get(1).timeout());
        assertEquals(Duration.ofMillis(1), endpoints.get(2).timeout(), "a bare number is nanoseconds, as in Go");
    }

    @Test
    void timeoutMustBePositive() {
        assertEquals("endpoints[0].timeout: must be a positive duration, got \"0s\"",
                endpointError("'endpoint': '/a', 'timeout': '0s'"));
        assertEquals("endpoints[0].timeout: unknown unit \"sec\" in duration \"3sec\" (expected one of ns, us, ms, "
                + "s, m, h)", endpointError("'endpoint': '/a', 'timeout': '3sec'"));
    }

    @Test
    void backendIsRequiredAndExactlyOneWhenNoOp() {
        assertEquals("endpoints[0].backend: is required: GET /a needs at least one backend",
                error(oneEndpoint("{'endpoint': '/a'}")));
        assertEquals("endpoints[0].backend: is empty: POST /a needs at least one backend",
                error(oneEndpoint("{'endpoint': '/a', 'method': 'POST', 'backend': []}")));
        assertEquals("endpoints[0].backend: expected an array, got an object",
                error(oneEndpoint("{'endpoint': '/a', 'backend': {'url_pattern': '/x'}}")));
        assertEquals("endpoints[0].backend: 2 backends for GET /a: a no-op endpoint takes exactly one backend "
                + "(merging needs output_encoding json)", error(oneEndpoint("{'endpoint': '/a', 'output_encoding': "
                + "'no-op', 'backend': [{'url_pattern': '/x'}, {'url_pattern': '/y'}]}")));
        EndpointConfig merged = load(oneEndpoint(
                "{'endpoint': '/a', 'backend': [{'url_pattern': '/x'}, {'url_pattern': '/y'}]}")).config()
                .endpoints().get(0);
        assertEquals(2, merged.backends().size());
        assertEquals("json", merged.outputEncoding());
    }

    @Test
    void everyBackendOfARejectedEndpointIsStillChecked() {
        ConfigException e = fails(oneEndpoint("{'endpoint': '/a', 'output_encoding': 'no-op', "
                + "'backend': [{'url_pattern': '/x'}, {'url_pattern': '/{y}'}]}"));
        assertEquals(List.of(
                "endpoints[0].backend[1].url_pattern: placeholder {y} is not a parameter of the endpoint path "
                        + "(it has none)",
                "endpoints[0].backend: 2 backends for GET /a: a no-op endpoint takes exactly one backend "
                        + "(merging needs output_encoding json)"), e.errors());
    }

    @Test
    void inputHeadersDefaultToContentTypeOnly() {
        EndpointConfig e = endpoint("'endpoint': '/a'");
        assertTrue(e.inputHeaders().allows("content-type"));
        assertEquals(new InputFilter(false, Set.of("content-type")), e.inputHeaders());
        assertEquals(new InputFilter(false, Set.of("content-type")),
                endpoint("'endpoint': '/a', 'input_headers': []").inputHeaders(), "empty is lura's default too");
    }

    @Test
    void inputHeadersAreLowerCasedAndStarMeansAll() {
        assertEquals(new InputFilter(false, Set.of("authorization", "x-y-z")),
                endpoint("'endpoint': '/a', 'input_headers': ['Authorization', 'X-Y-Z', 'authorization']")
                        .inputHeaders());
        assertSame(InputFilter.ALL, endpoint("'endpoint': '/a', 'input_headers': ['*']").inputHeaders());
        assertSame(InputFilter.ALL, endpoint("'endpoint': '/a', 'input_headers': ['X', '*']").inputHeaders());
    }

    @Test
    void inputQueryStringsAreCaseSensitiveDefaultNone() {
        assertSame(InputFilter.NONE, endpoint("'endpoint': '/a'").inputQueryStrings());
        assertSame(InputFilter.NONE, endpoint("'endpoint': '/a', 'input_query_strings': []").inputQueryStrings());
        assertSame(InputFilter.ALL, endpoint("'endpoint': '/a', 'input_query_strings': ['*']").inputQueryStrings());
        InputFilter some = endpoint("'endpoint': '/a', 'input_query_strings': ['a', 'B']").inputQueryStrings();
        assertEquals(new InputFilter(false, Set.of("a", "B")), some);
        assertTrue(some.allows("B"));
        assertTrue(!some.allows("b"));
    }

    @Test
    void concurrentCallsDifferOnlyOnANoOpEndpoint() {
        LoadedConfig noOp = load(oneEndpoint("{'endpoint': '/a', 'output_encoding': 'no-op', 'concurrent_calls': 2, "
                + BACKEND + "}"));
        assertEquals(1, noOp.config().endpoints().get(0).concurrentCalls());
        assertTrue(noOp.differences().get(0).startsWith("behaviour differs from KrakenD: concurrent_calls (1 place: "
                + "endpoints[0].concurrent_calls)"), noOp.differences().toString());
        assertEquals(1, endpoint("'endpoint': '/a', 'concurrent_calls': 0").concurrentCalls(), "lura's 0 is 1");
    }

    @Test
    void outputEncodingIsKeptAndOnlyWhatTollgateDoesNotRenderIsWarned() {
        for (String encoding : new String[] {"json", "json-collection", "string", "xml", "yaml", "negotiate"}) {
            LoadedConfig loaded = load(oneEndpoint("{'endpoint': '/a', 'output_encoding': '" + encoding + "', "
                    + BACKEND + "}"));
            assertEquals(encoding, loaded.config().endpoints().get(0).outputEncoding());
            assertEquals(List.of(), loaded.warnings());
            assertEquals(List.of(), loaded.differences());
        }
        assertEquals("json", load(oneEndpoint("{'endpoint': '/a', " + BACKEND + "}")).config().endpoints().get(0)
                .outputEncoding(), "KrakenD's default");
        LoadedConfig unknown = load(oneEndpoint("{'endpoint': '/a', 'output_encoding': 'toml', " + BACKEND + "}"));
        assertEquals(List.of("endpoints[0].output_encoding: unknown output_encoding \"toml\": KrakenD renders it as "
                + "json (with one backend, by that backend's encoding when it names a render), and so does Tollgate"),
                unknown.warnings());
        assertEquals(List.of(), unknown.differences());
        LoadedConfig noOp = load(oneEndpoint("{'endpoint': '/a', 'output_encoding': 'no-op', " + BACKEND + "}"));
        assertEquals(List.of(), noOp.warnings());
        assertEquals(List.of(), noOp.differences());
        assertEquals("no-op", noOp.config().endpoints().get(0).backend().encoding(), "lura forces no-op backends");
    }

    @Test
    void topLevelOutputEncodingIsTheEndpointsDefault() {
        LoadedConfig loaded = load("""
                {'version': 3, 'host': ['h'], 'output_encoding': 'no-op', 'endpoints': [
                  {'endpoint': '/a', 'backend': [{'url_pattern': '/x'}]},
                  {'endpoint': '/b', 'output_encoding': 'xml', 'backend': [{'url_pattern': '/x'}]}
                ]}""");
        assertEquals("no-op", loaded.config().endpoints().get(0).outputEncoding());
        assertEquals("xml", loaded.config().endpoints().get(1).outputEncoding());
        assertEquals(List.of(), loaded.warnings());
        assertEquals(List.of(), loaded.differences());
        assertEquals(new ConfigSummary(2, 2, 0, 0, 0), loaded.summary());
    }

    @Test
    void unsupportedEndpointKeysAreWarnedWithWhatTollgateDoes() {
        LoadedConfig loaded = load(oneEndpoint("""
                {'endpoint': '/a', 'concurrent_calls': 3, 'cache_ttl': '1h', 'headers_to_pass': ['X'],
                 'extra_config': {'modifier/jmespath': {'expr': 'a'}},
                """ + BACKEND + "}"));
        assertEquals(List.of("endpoints[0].headers_to_pass: unknown or unsupported key, ignored"),
                loaded.warnings());
        List<String> named = new java.util.ArrayList<>();
        for (String d : loaded.differences()) {
            named.add(d.substring(0, d.indexOf(": KrakenD")));
        }
        assertEquals(Duration.ofHours(1), loaded.config().endpoints().get(0).cacheTtl());
        assertEquals(3, loaded.config().endpoints().get(0).concurrentCalls());
        assertEquals(List.of(
                "behaviour differs from KrakenD: modifier/jmespath (1 place: endpoints[0].extra_config[\"modifier/"
                        + "jmespath\"])"), named);
    }
}
