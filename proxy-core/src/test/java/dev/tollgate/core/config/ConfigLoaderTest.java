package dev.tollgate.core.config;

import static dev.tollgate.core.config.Configs.error;
import static dev.tollgate.core.config.Configs.fails;
import static dev.tollgate.core.config.Configs.json;
import static dev.tollgate.core.config.Configs.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void readsEveryKey() {
        LoadedConfig loaded = load("""
                {
                  '$schema': 'https://www.krakend.io/schema/v2.7/krakend.json',
                  'version': 3,
                  'name': 'My gateway',
                  'port': 9090,
                  'listen_ip': '127.0.0.1',
                  'timeout': '3s',
                  'host': ['origin:9000/'],
                  'echo_endpoint': true,
                  'debug_endpoint': true,
                  'extra_config': {
                    'tollgate/server': {
                      'max_request_line_bytes': 4096,
                      'max_header_bytes': 32768,
                      'io_threads': 2,
                      'shutdown_grace': '5s',
                      'idle_timeout': '1m30s'
                    }
                  },
                  'endpoints': [
                    {
                      'endpoint': '/users/{id}',
                      'method': 'post',
                      'timeout': '150ms',
                      'output_encoding': 'no-op',
                      'input_headers': ['Authorization', 'X-Request-Id'],
                      'input_query_strings': ['page', 'Limit'],
                      'backend': [
                        {
                          'host': ['https://api.example.com/', 'api2.example.com:8443'],
                          'url_pattern': 'v1/users/{id}?source=gw',
                          'method': 'PUT',
                          'encoding': 'no-op',
                          'disable_host_sanitize': false
                        }
                      ]
                    },
                    {
                      'endpoint': '/health-of-origin',
                      'backend': [{'url_pattern': '/status'}]
                    }
                  ]
                }""");
        assertEquals(List.of(), loaded.warnings());
        GatewayConfig g = loaded.config();
        assertEquals("My gateway", g.name());
        assertEquals(9090, g.port());
        assertEquals("127.0.0.1", g.listenIp());
        assertEquals(Duration.ofSeconds(3), g.timeout());
        assertTrue(g.echoEndpoint());
        assertTrue(g.debugEndpoint());
        assertEquals(new ServerOptions(4096, 32768, 2, Duration.ofSeconds(5), Duration.ofSeconds(90),
                Duration.ofSeconds(10)), g.server());
        assertEquals(2, g.endpoints().size());

        EndpointConfig users = g.endpoints().get(0);
        assertEquals("/users/{id}", users.path());
        assertEquals("POST", users.method());
        assertEquals(Duration.ofMillis(150), users.timeout());
        assertEquals("no-op", users.outputEncoding());
        assertEquals(new InputFilter(false, Set.of("authorization", "x-request-id")), users.inputHeaders());
        assertEquals(new InputFilter(false, Set.of("page", "Limit")), users.inputQueryStrings());
        assertEquals(0, users.index());
        BackendConfig b = users.backend();
        assertEquals(List.of("https://api.example.com", "http://api2.example.com:8443"), b.hosts());
        assertEquals("/v1/users/{id}?source=gw", b.urlPattern());
        assertEquals("PUT", b.method());
        assertEquals("no-op", b.encoding());
        assertFalse(b.disableHostSanitize());
        assertSame(ExtensionConfigs.EMPTY, b.extensions());
        assertEquals("endpoints[0].backend[0]", b.path().toString());

        BackendConfig inherited = g.endpoints().get(1).backend();
        assertEquals(List.of("http://origin:9000"), inherited.hosts(), "top-level host, sanitised");
        assertEquals(1, g.endpoints().get(1).index());
    }

    @Test
    void appliesKrakendDefaults() {
        LoadedConfig loaded = load("""
                {'version': 3, 'endpoints': [
                  {'endpoint': '/a', 'backend': [{'host': ['localhost:8000'], 'url_pattern': '/b'}]}
                ]}""");
        GatewayConfig g = loaded.config();
        assertNull(g.name());
        assertEquals(8080, g.port());
        assertNull(g.listenIp());
        assertEquals(Duration.ofSeconds(2), g.timeout());
        assertFalse(g.echoEndpoint());
        assertFalse(g.debugEndpoint());
        assertSame(ServerOptions.DEFAULTS, g.server());

        EndpointConfig e = g.endpoints().get(0);
        assertEquals("GET", e.method());
        assertEquals(Duration.ofSeconds(2), e.timeout());
        assertEquals("json", e.outputEncoding());
        assertEquals(new InputFilter(false, Set.of("content-type")), e.inputHeaders());
        assertSame(InputFilter.NONE, e.inputQueryStrings());
        BackendConfig b = e.backend();
        assertEquals("GET", b.method());
        assertEquals("json", b.encoding());
        assertEquals(List.of("http://localhost:8000"), b.hosts());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void emptyEndpointsIsValidWithAWarning() {
        LoadedConfig loaded = load("{'version': 3, 'endpoints': []}");
        assertEquals(List.of(), loaded.config().endpoints());
        assertEquals(List.of("endpoints: no endpoints: every request will get 404"), loaded.warnings());
        assertEquals(List.of("endpoints: no endpoints: every request will get 404"),
                load("{'version': 3}").warnings());
    }

    @Test
    void versionMustBeThree() {
        assertEquals("version: is missing: Tollgate reads KrakenD v3 configs (\"version\": 3)",
                error("{'endpoints': []}"));
        assertEquals("version: unsupported version 2: Tollgate reads KrakenD v3 configs (\"version\": 3)",
                error("{'version': 2, 'endpoints': []}"));
        assertEquals("version: expected the number 3, got a string: Tollgate reads KrakenD v3 configs "
                + "(\"version\": 3)", error("{'version': '3', 'endpoints': []}"));
        assertTrue(error("{'version': 3.5}").startsWith("version: unsupported version 3.5"));
    }

    @Test
    void rootMustBeAnObject() {
        assertEquals("$: expected an object, got an array", fails("[]").errors().get(0));
    }

    @Test
    void invalidJsonHasLineAndColumn() {
        ConfigException e = fails("{\n  'version': 3,\n  'port': ,\n}");
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).startsWith("invalid JSON at line 3, column 11: "), e.errors().get(0));
        assertTrue(e.getMessage().startsWith("test.json: 1 configuration error:"), e.getMessage());
    }

    @Test
    void anUnquotedValueIsNotQuotedInTheError() {
        // e.g. a client_secret a template filled in without quotes: check output and logs must not show it
        String e = error("{'version': 3, 'client_secret': S3cretValueXYZ}");
        assertTrue(e.startsWith("invalid JSON at line 1, column "), e);
        assertTrue(e.contains("Unrecognized token (an unquoted string?): was expecting"), e);
        assertFalse(e.contains("S3cret"), e);
    }

    @Test
    void emptyDocumentIsInvalidJson() {
        assertEquals("invalid JSON at line 1, column 1: the file is empty", error(""));
    }

    @Test
    void duplicateKeysKeepTheLastValueAsGoDoesWithAWarning() {
        LoadedConfig loaded = load("""
                {'version': 3, 'port': 8080, 'port': 9090, 'endpoints': [
                  {'endpoint': '/a', 'output_encoding': 'no-op', 'backend': [
                    {'host': ['http://h:1'], 'url_pattern': '/first', 'url_pattern': '/last'}]}]}""");
        assertEquals(9090, loaded.config().port());
        assertEquals("/last", loaded.config().endpoints().get(0).backend().urlPattern());
        assertEquals(List.of(
                "port: written more than once in this object; the last value is used, as KrakenD (Go's "
                        + "encoding/json) uses it",
                "endpoints[0].backend[0].url_pattern: written more than once in this object; the last value is "
                        + "used, as KrakenD (Go's encoding/json) uses it"), loaded.warnings());
    }

    @Test
    void parserLimitsAreSaidInOurWordsWithThePlace() {
        String deep = "{'version': 3, 'x': " + "[".repeat(1001) + "]".repeat(1001) + "}";
        String e = error(deep);
        assertTrue(e.startsWith("invalid JSON at line 1, column "), e);
        assertTrue(e.endsWith("the JSON nests objects and arrays too deeply (the limit is 1000 levels)"), e);
        assertFalse(e.contains("StreamReadConstraints"), e);
        String longString = error("{'version': 3, 'name': '" + "x".repeat(20_000_001) + "'}");
        assertTrue(longString.endsWith("a string is too long (the limit is 20000000 characters)"), longString);
        assertTrue(longString.startsWith("invalid JSON at line 1, column "), longString);
    }

    @Test
    void trailingContentIsInvalidJson() {
        assertTrue(error("{'version': 3} {}").startsWith("invalid JSON at line 1, column "));
    }

    @Test
    void invalidUtf8IsInvalidJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xE9, '"', '}'});
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(List.of()).load(file));
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).startsWith("invalid JSON at line 1, column "), e.errors().get(0));
    }

    @Test
    void absurdNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        ConfigException e = fails("{'version': 3, 'x': " + deep + "}");
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).startsWith("invalid JSON"), e.errors().get(0));
    }

    @Test
    void reportsEveryErrorAtOnceWithPaths() {
        ConfigException e = fails("""
                {
                  'version': 3,
                  'port': 70000,
                  'timeout': 'soon',
                  'endpoints': [
                    {'endpoint': '/ok', 'backend': [{'host': ['h'], 'url_pattern': '/x'}]},
                    {'endpoint': 'no-slash', 'backend': [{'host': ['h'], 'url_pattern': '/x'}]},
                    {'endpoint': '/u/{id}', 'method': 'TRACE',
                     'backend': [{'host': ['ftp://h'], 'url_pattern': '/u/{user}'}]}
                  ]
                }""");
        assertEquals(List.of(
                "port: 70000 is out of range (expected 0..65535)",
                "timeout: invalid duration \"soon\" (expected Go syntax such as \"2s\", \"150ms\", \"1m30s\")",
                "endpoints[1].endpoint: \"no-slash\" must start with '/'",
                "endpoints[2].method: \"TRACE\" is not supported (expected one of GET, POST, PUT, PATCH, DELETE, "
                        + "HEAD, OPTIONS)",
                "endpoints[2].backend[0].host[0]: \"ftp://h\" must use http:// or https://",
                "endpoints[2].backend[0].url_pattern: placeholder {user} is not a parameter of the endpoint path "
                        + "(it has {id})"), e.errors());
        assertTrue(e.getMessage().startsWith("test.json: 6 configuration errors:\n  port: 70000"), e.getMessage());
    }

    @Test
    void warningsTravelWithTheException() {
        ConfigException e = fails("{'version': 3, 'port': 'x', 'colour': 'blue'}");
        assertEquals(List.of("port: expected an integer, got a string"), e.errors());
        assertTrue(e.warnings().contains("colour: unknown or unsupported key, ignored"), e.warnings().toString());
    }

    @Test
    void wrongTypesAreErrorsNotExceptions() {
        ConfigException e = fails("""
                {'version': 3, 'name': 1, 'listen_ip': true, 'host': 'h', 'echo_endpoint': 'yes',
                 'extra_config': [], 'endpoints': {}}""");
        assertEquals(List.of(
                "name: expected a string, got a number",
                "listen_ip: expected a string, got a boolean",
                "host: expected an array of strings, got a string",
                "echo_endpoint: expected a boolean (true or false), got a string",
                "extra_config: expected an object, got an array",
                "endpoints: expected an array, got an object"), e.errors());
    }

    @Test
    void wrongTypesInsideEndpointsAndBackends() {
        ConfigException e = fails("""
                {'version': 3, 'endpoints': [
                  7,
                  {'endpoint': 5, 'method': [], 'timeout': true, 'input_headers': [1], 'input_query_strings': 'a',
                   'backend': [{'host': [2], 'url_pattern': {}, 'disable_host_sanitize': 'no', 'encoding': 1,
                                'extra_config': 'x'}]}
                ]}""");
        assertEquals(List.of(
                "endpoints[0]: expected an object, got a number",
                "endpoints[1].endpoint: expected a string, got a number",
                "endpoints[1].method: expected a string, got an array",
                "endpoints[1].timeout: expected a duration string such as \"2s\", got a boolean",
                "endpoints[1].input_headers[0]: expected a string, got a number",
                "endpoints[1].input_query_strings: expected an array of strings, got a string",
                "endpoints[1].backend[0].disable_host_sanitize: expected a boolean (true or false), got a string",
                "endpoints[1].backend[0].host[0]: expected a string, got a number",
                "endpoints[1].backend[0].url_pattern: expected a string, got an object",
                "endpoints[1].backend[0].encoding: expected a string, got a number",
                "endpoints[1].backend[0].extra_config: expected an object, got a string"), e.errors());
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("krakend.json");
        Files.writeString(file, json("{'version': 3, 'port': 1234, 'endpoints': []}"), StandardCharsets.UTF_8);
        assertEquals(1234, new ConfigLoader(List.of()).load(file).config().port());
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        ConfigLoader loader = new ConfigLoader(List.of());
        Path missing = dir.resolve("nope.json");
        IOException e = assertThrows(IOException.class, () -> loader.load(missing));
        assertEquals("cannot read config file " + missing + ": no such file", e.getMessage());
        IOException d = assertThrows(IOException.class, () -> loader.load(dir));
        assertEquals("cannot read config file " + dir + ": it is a directory", d.getMessage());
    }

    @Test
    void syntaxErrorInAFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"version\": 3,,}");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(List.of()).load(file));
        assertTrue(e.getMessage().startsWith(file + ": 1 configuration error:\n  invalid JSON at line 1, column "),
                e.getMessage());
    }
}
