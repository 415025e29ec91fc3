package dev.tollgate.core.config;

import static dev.tollgate.core.config.Configs.error;
import static dev.tollgate.core.config.Configs.fails;
import static dev.tollgate.core.config.Configs.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Top-level keys and {@code extra_config["tollgate/server"]}. */
class GatewayRulesTest {

    private static GatewayConfig gateway(String keys) {
        return load("{'version': 3, 'endpoints': [], " + keys + "}").config();
    }

    private static String gatewayError(String keys) {
        return error("{'version': 3, 'endpoints': [], " + keys + "}");
    }

    private static ServerOptions server(String block) {
        return gateway("'extra_config': {'tollgate/server': {" + block + "}}").server();
    }

    @Test
    void portRange() {
        assertEquals(0, gateway("'port': 0").port(), "0 asks for an ephemeral port");
        assertEquals(65535, gateway("'port': 65535").port());
        assertEquals("port: -1 is out of range (expected 0..65535)", gatewayError("'port': -1"));
        assertEquals("port: 18446744073709551617 is out of range (expected 0..65535)",
                gatewayError("'port': 18446744073709551617"), "a huge literal must not wrap into range");
        assertEquals("port: expected an integer, got a number", gatewayError("'port': 80.5"));
    }

    @Test
    void timeoutMustBeAPositiveGoDuration() {
        assertEquals(Duration.ofMillis(1500), gateway("'timeout': '1.5s'").timeout());
        assertEquals("timeout: must be a positive duration, got \"-1s\"", gatewayError("'timeout': '-1s'"));
        assertEquals("timeout: missing unit in duration \"3\" (expected one of ns, us, ms, s, m, h)",
                gatewayError("'timeout': '3'"));
    }

    @Test
    void theRouterBlockIsReadByItsLegacyNameToo() {
        LoadedConfig loaded = load("{'version': 3, 'endpoints': [], 'extra_config': "
                + "{'github_com/luraproject/lura/router/gin': {'disable_health': true, 'return_error_msg': true}}}");
        assertEquals(null, loaded.config().router().healthPath(), "krakend-ce aliases it to \"router\"");
        assertTrue(loaded.config().router().returnErrorMessage());
        assertEquals(List.of("endpoints: no endpoints: every request will get 404"), loaded.warnings());
    }

    @Test
    void corsIsReadWithKrakendCorsDefaults() {
        CorsConfig none = load("{'version': 3, 'endpoints': []}").config().cors();
        assertEquals(null, none, "no block, no CORS");
        LoadedConfig loaded = load("{'version': 3, 'endpoints': [], 'extra_config': {'security/cors': "
                + "{'allow_methods': ['GET'], 'max_age': '12h', '@comment': 'x'}}}");
        CorsConfig cors = loaded.config().cors();
        assertEquals(List.of("*"), cors.allowOrigins(), "no origins listed: all");
        assertEquals(List.of("*"), cors.allowHeaders(), "no headers listed: all");
        assertEquals(204, cors.optionsSuccessStatus(), "rs/cors' default, through krakend-cors' mux middleware");
        assertEquals(Duration.ofHours(12), cors.maxAge());
        assertEquals(List.of("endpoints: no endpoints: every request will get 404"), loaded.warnings());
        CorsConfig legacy = load("{'version': 3, 'endpoints': [], 'extra_config': "
                + "{'github_com/devopsfaith/krakend-cors': {'allow_origins': ['https://a']}}}").config().cors();
        assertEquals(List.of("https://a"), legacy.allowOrigins(), "krakend-ce's alias");
        assertEquals("extra_config[\"security/cors\"].max_age: expected a duration string such as \"2s\", got a "
                + "number", gatewayError("'extra_config': {'security/cors': {'max_age': 1.5}}"));
    }

    @Test
    void telemetryLoggingIsReadAsKrakendGologgingReadsIt() {
        LoadedConfig loaded = load("{'version': 3, 'endpoints': [], 'extra_config': {'telemetry/logging': "
                + "{'level': 'CRITICAL', 'prefix': '[KRAKEND]', 'stdout': true, 'syslog': true, 'format': 'logstash'}}}");
        assertEquals(new LoggingOptions("ERROR", "[KRAKEND]", true, "logstash", null, true,
                LoggingOptions.DEFAULT_FACILITY), loaded.config().logging(), "syslog on, gologging's local3");
        assertEquals(List.of("endpoints: no endpoints: every request will get 404"), loaded.warnings(),
                "syslog is implemented: no warning");
        assertEquals(List.of(), loaded.notices(), "no longer a harmless feature Tollgate lacks");
        LoggingOptions legacy = load("{'version': 3, 'endpoints': [], 'extra_config': "
                + "{'github_com/devopsfaith/krakend-gologging': {'level': 'debug'}}}").config().logging();
        assertEquals(new LoggingOptions("DEBUG", "", false, "default"), legacy);
    }

    @Test
    void syslogFacilityIsGologgingsLocal0ToLocal7ElseLocal3Said() {
        LoadedConfig local5 = load("{'version': 3, 'endpoints': [], 'extra_config': {'telemetry/logging': "
                + "{'syslog': true, 'syslog_facility': 'LOCAL5'}}}");
        assertEquals(LoggingOptions.LOCAL0 + 5, local5.config().logging().syslogFacility(), "any case, as gologging");
        LoadedConfig daemon = load("{'version': 3, 'endpoints': [], 'extra_config': {'telemetry/logging': "
                + "{'syslog': true, 'syslog_facility': 'daemon'}}}");
        assertEquals(LoggingOptions.DEFAULT_FACILITY, daemon.config().logging().syslogFacility());
        assertTrue(daemon.warnings().contains("extra_config[\"telemetry/logging\"].syslog_facility: \"daemon\" is "
                + "not local0..local7; local3 is used, as KrakenD uses it"), daemon.warnings().toString());
        assertEquals("extra_config[\"telemetry/logging\"].syslog: expected a boolean (true or false), got a string",
                gatewayError("'extra_config': {'telemetry/logging': {'syslog': 'yes'}}"));
    }

    @Test
    void customFormatIsCompiledAtLoadAndWhatGoLoggingRefusesIsAnError() {
        LoggingOptions custom = load("{'version': 3, 'endpoints': [], 'extra_config': {'telemetry/logging': "
                + "{'format': 'custom', 'custom_format': '%{time:15:04:05} %{level:.4s} %{message}'}}}")
                .config().logging();
        assertEquals("custom", custom.format());
        assertEquals("%{time:15:04:05} %{level:.4s} %{message}", custom.custom().source());
        assertEquals("extra_config[\"telemetry/logging\"].custom_format: unknown verb %{lvl} (go-logging knows "
                + "time, level, id, pid, program, module, message, longfile, shortfile, longpkg, shortpkg, longfunc, "
                + "shortfunc, callpath, color)", gatewayError("'extra_config': {'telemetry/logging': "
                + "{'format': 'custom', 'custom_format': '%{lvl} %{message}'}}"));
        assertEquals("extra_config[\"telemetry/logging\"].custom_format: is required with \"format\": \"custom\" "
                + "(KrakenD refuses an empty one at startup)",
                gatewayError("'extra_config': {'telemetry/logging': {'format': 'custom'}}"));
        List<String> both = fails("{'version': 3, 'endpoints': [], 'extra_config': {'telemetry/logging': "
                + "{'format': 'custom', 'custom_format': 'no verb', 'stdout': 1}}}").errors();
        assertEquals(2, both.size(), "every error at once: " + both);
        assertTrue(both.get(1).startsWith("extra_config[\"telemetry/logging\"].custom_format: has no %{verb}")
                || both.get(0).startsWith("extra_config[\"telemetry/logging\"].custom_format: has no %{verb}"),
                both.toString());
        LoadedConfig caller = load("{'version': 3, 'endpoints': [], 'extra_config': {'telemetry/logging': "
                + "{'format': 'custom', 'custom_format': '%{shortfile} %{message}'}}}");
        assertTrue(caller.warnings().contains("extra_config[\"telemetry/logging\"].custom_format: %{shortfile} "
                + "names the Go source of the log call in KrakenD (in practice its logging wrapper); Tollgate has "
                + "none and writes go-logging's ??? there"), caller.warnings().toString());
        assertEquals(null, load("{'version': 3, 'endpoints': [], 'extra_config': {'telemetry/logging': "
                + "{'custom_format': '%{nonsense}'}}}").config().logging().custom(),
                "without format custom, custom_format is not used (nor checked), as in gologging");
    }

    @Test
    void anotherPortKeepsEveryOtherField() {
        GatewayConfig c = load("{'version': 3, 'endpoints': [], 'extra_config': {'security/cors': {}, "
                + "'telemetry/logging': {'level': 'INFO'}}}").config();
        GatewayConfig moved = c.withPort(9000);
        assertEquals(9000, moved.port());
        assertEquals(c, new GatewayConfig(c.name(), c.port(), moved.listenIp(), moved.timeout(), moved.endpoints(),
                moved.echoEndpoint(), moved.debugEndpoint(), moved.router(), moved.server(), moved.cors(),
                moved.tls(), moved.logging()), "--port must never drop CORS, TLS or the log settings");
    }

    @Test
    void listenIpMustNotBeBlank() {
        assertEquals("listen_ip: must not be empty (omit it to listen on all interfaces)",
                gatewayError("'listen_ip': ' '"));
    }

    @Test
    void readHeaderTimeoutIsKrakendsTopLevelKey() {
        assertEquals(Duration.ofSeconds(10), gateway("'port': 8080").server().readHeaderTimeout(), "default");
        LoadedConfig loaded = load("{'version': 3, 'endpoints': [], 'read_header_timeout': '300ms'}");
        assertEquals(Duration.ofMillis(300), loaded.config().server().readHeaderTimeout());
        assertEquals(List.of("endpoints: no endpoints: every request will get 404"), loaded.warnings(),
                "no longer warned as unsupported");
        assertEquals(Duration.ZERO, gateway("'read_header_timeout': '0s'").server().readHeaderTimeout(),
                "0 disables it");
        assertEquals(Duration.ofMillis(250), gateway("'read_header_timeout': '250ms', "
                + "'extra_config': {'tollgate/server': {'idle_timeout': '5s'}}").server().readHeaderTimeout(),
                "kept next to the tollgate/server block");
        assertEquals("read_header_timeout: must not be negative, got \"-1s\" (0 disables it)",
                gatewayError("'read_header_timeout': '-1s'"));
        assertEquals("read_header_timeout: expected a duration string such as \"2s\", got a boolean",
                gatewayError("'read_header_timeout': true"));
    }

    @Test
    void trailingSlashRedirectsAreOnUnlessBothRouterRedirectsAreDisabled() {
        assertTrue(RouterOptions.DEFAULTS.redirectTrailingSlash(), "KrakenD's default");
        assertTrue(gateway("'extra_config': {'router': {'disable_redirect_trailing_slash': true}}").router()
                .redirectTrailingSlash(), "KrakenD's fixed-path rule still redirects a trailing slash");
        LoadedConfig loaded = load("{'version': 3, 'endpoints': [], 'extra_config': {'router': "
                + "{'disable_redirect_trailing_slash': true, 'disable_redirect_fixed_path': true, "
                + "'hide_version_header': true, 'auto_options': true}}}");
        assertFalse(loaded.config().router().redirectTrailingSlash());
        assertTrue(loaded.warnings().contains(
                "extra_config.router.auto_options: unknown or unsupported key, ignored"), loaded.warnings()
                .toString());
    }

    @Test
    void routerOptionsMoveOrDisableTheHealthEndpoint() {
        assertEquals("/__health", gateway("'port': 8080").router().healthPath());
        assertEquals("/healthz", gateway("'extra_config': {'router': {'health_path': '/healthz'}}").router()
                .healthPath());
        assertEquals(null, gateway("'extra_config': {'router': {'disable_health': true}}").router()
                .healthPath());
        assertEquals("extra_config.router.health_path: \"healthz\" must be a path starting with / (no query, no "
                + "parameters)", gatewayError("'extra_config': {'router': {'health_path': 'healthz'}}"));
        assertEquals("extra_config.router.health_path: \"/status\" is also the path of endpoints[0]; pick another "
                + "health_path or disable_health", error("{'version': 3, 'extra_config': {'router': {'health_path': "
                + "'/status'}}, 'endpoints': [{'endpoint': '/status', 'backend': [{'host': ['h'], "
                + "'url_pattern': '/s'}]}]}"));
    }

    @Test
    void routerErrorBodiesAreKeptAsCompactJson() {
        RouterOptions router = gateway("'extra_config': {'router': {'error_body': {'404': {'msg': 'Unknown "
                + "endpoint', 'status': 404, 'tags': ['a', true, null]}, '405': {'msg': 'no'}}}}").router();
        assertEquals("{\"msg\":\"Unknown endpoint\",\"status\":404,\"tags\":[\"a\",true,null]}",
                router.notFoundBody());
        assertEquals("{\"msg\":\"no\"}", router.methodNotAllowedBody());
        assertEquals("extra_config.router.error_body[\"404\"]: expected an object (the JSON body to answer 404 "
                + "with), got a string", gatewayError("'extra_config': {'router': {'error_body': {'404': 'x'}}}"));
    }

    @Test
    void serverOptionsAreRead() {
        assertEquals(new ServerOptions(1024, 2048, 4, Duration.ZERO, Duration.ofSeconds(5),
                        Duration.ofSeconds(10)),
                server("'max_request_line_bytes': 1024, 'max_header_bytes': 2048, 'io_threads': 4, "
                        + "'shutdown_grace': '0s', 'idle_timeout': '5s'"));
        assertEquals(ServerOptions.DEFAULTS, server(""));
        assertEquals(new ServerOptions(8192, 16384, 0, Duration.ofSeconds(10), Duration.ofSeconds(60),
                        Duration.ofSeconds(10)),
                ServerOptions.DEFAULTS, "documented defaults");
    }

    @Test
    void serverOptionsAreValidated() {
        ConfigException e = fails("""
                {'version': 3, 'endpoints': [], 'extra_config': {'tollgate/server': {
                  'max_request_line_bytes': 10, 'max_header_bytes': 2000000, 'io_threads': -1,
                  'shutdown_grace': '-5s', 'idle_timeout': '0s', 'workers': 3}}}""");
        String at = "extra_config[\"tollgate/server\"].";
        assertEquals(List.of(
                at + "max_request_line_bytes: 10 is out of range (expected 64..1048576)",
                at + "max_header_bytes: 2000000 is out of range (expected 64..1048576)",
                at + "io_threads: -1 is out of range (expected 0..1024)",
                at + "shutdown_grace: must not be negative, got \"-5s\"",
                at + "idle_timeout: must be a positive duration, got \"0s\""), e.errors());
        assertTrue(e.warnings().contains(at + "workers: unknown or unsupported key, ignored"), e.warnings().toString());
        assertEquals("extra_config[\"tollgate/server\"]: expected an object, got a boolean",
                gatewayError("'extra_config': {'tollgate/server': true}"));
    }

    @Test
    void otherTopLevelNamespacesAreClassified() {
        LoadedConfig loaded = load("""
                {'version': 3, 'endpoints': [], 'extra_config': {
                  'tollgate/server': {}, 'telemetry/influx': {}, 'qos/http-cache': {},
                  '@comment': 'x', 'mystery/ns': {}}}""");
        assertEquals(List.of(
                "extra_config[\"mystery/ns\"]: not a namespace Tollgate or KrakenD knows, ignored (as KrakenD "
                        + "ignores it)",
                "endpoints: no endpoints: every request will get 404"), loaded.warnings());
        assertEquals(List.of("behaviour differs from KrakenD: qos/http-cache (1 place: extra_config[\"qos/http-cache\"]):"
                + " KrakenD caches backend answers as their Cache-Control allows; Tollgate asks the backend every "
                + "time"), loaded.differences());
        assertEquals(List.of("not implemented, and nothing a client sees changes: telemetry/influx (1 place)"),
                loaded.notices());
    }

    @Test
    void unsupportedTopLevelKeysAreClassified() {
        LoadedConfig loaded = load("""
                {'version': 3, 'endpoints': [], 'cache_ttl': '3600s', 'read_timeout': '200ms',
                 'tls': {'disabled': true}, 'output_encoding': 'json', '@comment': 'ours',
                 'max_idle_connections': 10, 'sequential_start': null, 'mystery': 1}""");
        assertEquals(List.of(
                "endpoints: no endpoints: every request will get 404",
                "mystery: unknown or unsupported key, ignored"), loaded.warnings());
        assertEquals(1, loaded.differences().size(), loaded.differences().toString());
        assertTrue(loaded.differences().get(0).startsWith("behaviour differs from KrakenD: read_timeout (1 place: "
                + "read_timeout)"), loaded.differences().toString());
        assertEquals(List.of("not implemented, and nothing a client sees changes: max_idle_connections (1 place)"),
                loaded.notices());
    }

    @Test
    void topLevelProtectionRefusesEveryEndpoint() {
        ConfigException e = fails("""
                {'version': 3, 'host': ['h'], 'client_tls': {'ca_certs': ['x']}, 'plugin': {'folder': './p'},
                 'endpoints': [{'endpoint': '/a', 'output_encoding': 'no-op', 'backend': [{'url_pattern': '/x'}]}]}""");
        assertEquals(List.of(
                "client_tls: refused: client_tls is a protection Tollgate does not enforce (KrakenD connects to "
                        + "backends with its own CAs, client certificates (mTLS) or TLS settings); served without it, "
                        + "every endpoint would let through what KrakenD stops. Remove it, or serve without it on "
                        + "purpose: --allow-unenforced client_tls",
                "plugin: refused: plugin is a protection Tollgate does not enforce (KrakenD loads Go plugins (a "
                        + "plugin may be the auth)); served without it, every endpoint would let through what "
                        + "KrakenD stops. Remove it, or serve without it on purpose: --allow-unenforced plugin"),
                e.errors());
        assertEquals(new ConfigSummary(1, 0, 0, 0, 1), e.summary());
    }
}
