package dev.tollgate.core.config;

import static dev.tollgate.core.config.Configs.error;
import static dev.tollgate.core.config.Configs.fails;
import static dev.tollgate.core.config.Configs.json;
import static dev.tollgate.core.config.Configs.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendRulesTest {

    /** One endpoint {@code /u/{id}} whose single backend has {@code keys}; no top-level host. */
    private static String config(String keys) {
        return "{'version': 3, 'endpoints': [{'endpoint': '/u/{id}', 'method': 'POST', 'backend': [{" + keys
                + "}]}]}";
    }

    private static BackendConfig backend(String keys) {
        return load(config(keys)).config().endpoints().get(0).backend();
    }

    @Test
    void hostsAreSanitisedAsKrakendDoes() {
        assertEquals(List.of("http://a:8000", "https://b.example.com", "http://c", "http://10.0.0.1:81",
                        "http://[::1]:8080", "http://my_service:80"),
                backend("'host': ['a:8000', 'https://b.example.com/', 'c//', '10.0.0.1:81', '[::1]:8080', "
                        + "'my_service:80'], 'url_pattern': '/x'").hosts());
    }

    @Test
    void disableHostSanitizeUsesHostsAsWritten() {
        BackendConfig b = backend("'host': ['http://a:8000'], 'disable_host_sanitize': true, 'url_pattern': '/x'");
        assertTrue(b.disableHostSanitize());
        assertEquals(List.of("http://a:8000"), b.hosts());
        assertEquals("endpoints[0].backend[0].host[0]: \"a:8000\" is not a URL such as http://host:port "
                + "(disable_host_sanitize is set, so the host is used as written)",
                error(config("'host': ['a:8000'], 'disable_host_sanitize': true, 'url_pattern': '/x'")));
    }

    @Test
    void hostErrorsNeverRepeatAPassword() {
        ConfigException e = fails(config("'host': ['http://u:PASSWORD@a/b', 'u:PASSWORD@h:x', 'ftp://PASSWORD@x'], "
                + "'url_pattern': '/x'"));
        String at = "endpoints[0].backend[0].host";
        assertEquals(List.of(
                at + "[0]: \"http://<redacted>@a/b\" must not contain a path, query or fragment"
                        + " (put the path in url_pattern)",
                at + "[1]: \"<redacted>@h:x\" must not contain user credentials",
                at + "[2]: \"ftp://<redacted>@x\" must use http:// or https://"),
                e.errors());
    }

    @Test
    void invalidHostsAreErrorsAtTheirIndex() {
        ConfigException e = fails(config("'host': ['http://ok', 'ftp://x', 'http://a/b', 'http://u:p@h', "
                + "'http://', 'h:0', 'h:99999', 'h:x', 'http://a?q'], 'url_pattern': '/x'"));
        String at = "endpoints[0].backend[0].host";
        assertEquals(List.of(
                at + "[1]: \"ftp://x\" must use http:// or https://",
                at + "[2]: \"http://a/b\" must not contain a path, query or fragment (put the path in url_pattern)",
                at + "[3]: \"http://<redacted>@h\" must not contain user credentials",
                at + "[4]: \"http://\" has no valid host name",
                at + "[5]: \"h:0\" has an invalid port (expected 1..65535)",
                at + "[6]: \"h:99999\" has an invalid port (expected 1..65535)",
                at + "[7]: \"h:x\" has an invalid port (expected 1..65535)",
                at + "[8]: \"http://a?q\" must not contain a path, query or fragment (put the path in url_pattern)"),
                e.errors());
    }

    @Test
    void topLevelHostsAreTheDefaultAndAreSanitisedToo() {
        LoadedConfig loaded = load("""
                {'version': 3, 'host': ['origin:9000', 'https://origin2/'], 'endpoints': [
                  {'endpoint': '/a', 'backend': [{'url_pattern': '/x'}]},
                  {'endpoint': '/b', 'backend': [{'host': [], 'url_pattern': '/x'}]},
                  {'endpoint': '/c', 'backend': [{'host': ['own:1'], 'url_pattern': '/x'}]}
                ]}""");
        List<EndpointConfig> e = loaded.config().endpoints();
        assertEquals(List.of("http://origin:9000", "https://origin2"), e.get(0).backend().hosts());
        assertEquals(List.of("http://origin:9000", "https://origin2"), e.get(1).backend().hosts());
        assertEquals(List.of("http://own:1"), e.get(2).backend().hosts());
        assertEquals("host[0]: \"ftp://x\" must use http:// or https://", error("""
                {'version': 3, 'host': ['ftp://x'], 'endpoints': [
                  {'endpoint': '/a', 'backend': [{'url_pattern': '/x'}]}]}"""), "reported once, not per backend");
    }

    @Test
    void aHostIsRequiredSomewhere() {
        assertEquals("endpoints[0].backend[0].host: no host: set this backend's host or the top-level host list",
                error(config("'url_pattern': '/x'")));
        assertEquals("endpoints[0].backend[0].host: expected an array of strings, got a string",
                error(config("'host': 'http://a', 'url_pattern': '/x'")));
    }

    @Test
    void anEmptyOrMissingUrlPatternIsTheRootAsLurasCleanPathMakesIt() {
        assertEquals("/", backend("'host': ['h'], 'url_pattern': ''").urlPattern());
        LoadedConfig missing = load(config("'host': ['h']"));
        assertEquals("/", missing.config().endpoints().get(0).backend().urlPattern());
        assertEquals(List.of("endpoints[0].backend[0].url_pattern: missing: KrakenD's schema requires it; as "
                + "KrakenD does, the backend is called on \"/\""), missing.warnings());
        assertEquals("/users/{id}", backend("'host': ['h'], 'url_pattern': 'users/{id}'").urlPattern());
    }

    @Test
    void placeholdersMustBeEndpointParameters() {
        assertEquals("/a/{id}?x={id}&y=1", backend("'host': ['h'], 'url_pattern': '/a/{id}?x={id}&y=1'")
                .urlPattern());
        assertEquals("endpoints[0].backend[0].url_pattern: placeholder {ID} is not a parameter of the endpoint "
                + "path (it has {id})", error(config("'host': ['h'], 'url_pattern': '/a/{ID}'")));
        ConfigException e = fails(config("'host': ['h'], 'url_pattern': '/a/{x}?q={y}'"));
        assertEquals(List.of(
                "endpoints[0].backend[0].url_pattern: placeholder {x} is not a parameter of the endpoint path "
                        + "(it has {id})",
                "endpoints[0].backend[0].url_pattern: placeholder {y} is not a parameter of the endpoint path "
                        + "(it has {id})"), e.errors());
    }

    @Test
    void krakendOnlyPlaceholdersSayWhy() {
        assertEquals("endpoints[0].backend[0].url_pattern: placeholder {JWT.sub} is filled from the token that "
                + "auth/validator verifies, and this endpoint has no auth/validator (KrakenD would send the "
                + "placeholder itself)", error(config("'host': ['h'], 'url_pattern': '/a/{JWT.sub}'")));
        assertEquals("endpoints[0].backend[0].url_pattern: placeholder {JWT.} is not a parameter of the endpoint "
                + "path (it has {id})", error(config("'host': ['h'], 'url_pattern': '/a/{JWT.}'")),
                "lura's JWT rule wants a claim name after the prefix");
        assertEquals("endpoints[0].backend[0].url_pattern: placeholder {resp0_foo} needs KrakenD's sequential "
                + "proxy: set extra_config.proxy.sequential to true",
                error(config("'host': ['h'], 'url_pattern': '/a/{resp0_foo}'")));
    }

    @Test
    void braceTextThatLurasPatternDoesNotMatchStaysLiteral() {
        // lura's placeholder is \{([\w\-\.:/]+)\}: "{,id}", "{}" and an unclosed "{id" are no placeholders
        assertEquals("/a/{id", backend("'host': ['h'], 'url_pattern': '/a/{id'").urlPattern());
        assertEquals("/a/{,id}/{}/{id}", backend("'host': ['h'], 'url_pattern': '/a/{,id}/{}/{id}'").urlPattern());
        assertEquals("endpoints[0].backend[0].url_pattern: placeholder {a.b:c/d-e} is not a parameter of the "
                + "endpoint path (it has {id})", error(config("'host': ['h'], 'url_pattern': '/{a.b:c/d-e}'")));
    }

    @Test
    void methodDefaultsToTheEndpointsAndIsChecked() {
        assertEquals("POST", backend("'host': ['h'], 'url_pattern': '/x'").method());
        assertEquals("PATCH", backend("'host': ['h'], 'url_pattern': '/x', 'method': 'patch'").method());
        assertEquals("endpoints[0].backend[0].method: \"CONNECT\" is not supported (expected one of GET, POST, "
                + "PUT, PATCH, DELETE, HEAD, OPTIONS)",
                error(config("'host': ['h'], 'url_pattern': '/x', 'method': 'CONNECT'")));
    }

    @Test
    void encodingIsLowerCasedAndWhatTollgateCannotDecodeIsNamed() {
        assertEquals("safejson", backend("'host': ['h'], 'url_pattern': '/x', 'encoding': 'SafeJSON'").encoding());
        assertEquals("string", backend("'host': ['h'], 'url_pattern': '/x', 'encoding': 'string'").encoding());
        LoadedConfig xml = load(config("'host': ['h'], 'url_pattern': '/x', 'encoding': 'XML'"));
        assertEquals("xml", xml.config().endpoints().get(0).backend().encoding());
        assertEquals(List.of(), xml.differences());
        LoadedConfig rss = load(config("'host': ['h'], 'url_pattern': '/x', 'encoding': 'rss'"));
        assertEquals("json", rss.config().endpoints().get(0).backend().encoding());
        assertTrue(rss.differences().get(0).startsWith("behaviour differs from KrakenD: encoding (1 place: "
                + "endpoints[0].backend[0].encoding): KrakenD rss decodes"), rss.differences().toString());
        LoadedConfig odd = load(config("'host': ['h'], 'url_pattern': '/x', 'encoding': 'yaml'"));
        assertEquals(List.of("endpoints[0].backend[0].encoding: unknown encoding \"yaml\": KrakenD decodes it as "
                + "json, and so does Tollgate"), odd.warnings());
    }

    @Test
    void responseManipulationKeysAreParsed() {
        LoadedConfig loaded = load(config("""
                'host': ['h'], 'url_pattern': '/x', 'group': 'g', 'mapping': {'a': 'b', 'c': 'd'},
                'target': 'data', 'is_collection': true, 'allow': ['x.y'], 'deny': ['z'], 'timeout': '1s'"""));
        String at = "endpoints[0].backend[0].";
        assertEquals(List.of(at + "deny: ignored: allow is set too, and KrakenD (lura) then applies only allow",
                at + "timeout: unknown or unsupported key, ignored"), loaded.warnings());
        assertEquals(List.of(), loaded.differences());
        assertEquals(new BackendShape("g", "data", List.of("x.y"), List.of("z"),
                List.of(Map.entry("a", "b"), Map.entry("c", "d")), true),
                loaded.config().endpoints().get(0).backend().shape());
    }

    @Test
    void responseManipulationKeysAreIgnoredOnANoOpEndpoint() {
        LoadedConfig loaded = load("{'version': 3, 'endpoints': [{'endpoint': '/a', 'output_encoding': 'no-op', "
                + "'backend': [{'host': ['h'], 'url_pattern': '/x', 'group': 'g', 'sd': 'dns'}]}]}");
        assertEquals(BackendShape.NONE, loaded.config().endpoints().get(0).backend().shape());
        assertEquals(List.of("behaviour differs from KrakenD: sd"), loaded.differences().stream()
                .map(d -> d.substring(0, d.indexOf(" ("))).toList());
    }

    @Test
    void staticServiceDiscoveryIsWhatTollgateDoes() {
        assertEquals(List.of(), load(config("'host': ['h'], 'url_pattern': '/x', 'sd': 'static'")).warnings());
    }

    @Test
    void redirectsAreFollowedUnlessTheHttpClientSaysNoRedirect() {
        assertTrue(backend("'host': ['h'], 'url_pattern': '/x'").followRedirects());
        LoadedConfig loaded = load(config("'host': ['h'], 'url_pattern': '/x', "
                + "'extra_config': {'backend/http/client': {'no_redirect': true}}"));
        assertFalse(loaded.config().endpoints().get(0).backend().followRedirects());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void httpClientOptionsTollgateLacksAreWarnedAbout() {
        LoadedConfig loaded = load(config("'host': ['h'], 'url_pattern': '/x', 'extra_config': "
                + "{'backend/http/client': {'send_body_on_redirect': true, 'proxy_address': 'http://p:3128'}}"));
        String at = "endpoints[0].backend[0].extra_config[\"backend/http/client\"].";
        assertEquals(List.of(
                at + "send_body_on_redirect: not supported: Tollgate streams request bodies without keeping a copy, "
                        + "so a 307 or 308 answer to a request that had a body goes to the client as it is",
                at + "proxy_address: unknown or unsupported key, ignored"), loaded.warnings());
        assertTrue(loaded.config().endpoints().get(0).backend().followRedirects());
        assertEquals("endpoints[0].backend[0].extra_config[\"backend/http/client\"].no_redirect: expected a "
                + "boolean (true or false), got a string", error(config("'host': ['h'], 'url_pattern': '/x', "
                + "'extra_config': {'backend/http/client': {'no_redirect': 'yes'}}")));
    }

    @Test
    void unknownBackendNamespacesAreWarnedAndNotKept() {
        LoadedConfig loaded = load(config(
                "'host': ['h'], 'url_pattern': '/x', 'extra_config': {'qos/http-cache': {'shared': true}}"));
        assertEquals(List.of(), loaded.warnings());
        assertTrue(loaded.differences().get(0).startsWith("behaviour differs from KrakenD: qos/http-cache (1 place: "
                + "endpoints[0].backend[0].extra_config[\"qos/http-cache\"]): KrakenD caches"),
                loaded.differences().toString());
        assertTrue(loaded.config().endpoints().get(0).backend().extensions().isEmpty());
        assertNull(loaded.config().endpoints().get(0).backend().extensions().get("qos/http-cache", Object.class));
    }

    @Test
    void jsonHelperSanity() {
        assertEquals("{\"a\": \"b\"}", json("{'a': 'b'}"));
    }

    @Test
    void backendInputListsAreReadAndAStarIsNoWildcardThere() {
        BackendConfig b = backend("'host': ['h'], 'url_pattern': '/x', 'input_headers': ['X-Tenant', 'Content-Type'],"
                + " 'input_query_strings': ['page']");
        assertEquals(new InputFilter(false, Set.of("x-tenant", "content-type")), b.inputHeaders());
        assertEquals(new InputFilter(false, Set.of("page")), b.inputQueryStrings());
        assertSame(InputFilter.ALL, backend("'host': ['h'], 'url_pattern': '/x'").inputHeaders(),
                "absent narrows nothing");
        LoadedConfig star = load(config("'host': ['h'], 'url_pattern': '/x', 'input_headers': ['*']"));
        assertEquals(List.of("endpoints[0].backend[0].input_headers: \"*\" is no wildcard at backend level: KrakenD "
                + "(lura) then passes no client header, nor X-Forwarded-For/-Host or User-Agent, to this backend, "
                + "and neither does Tollgate"), star.warnings());
    }
}
