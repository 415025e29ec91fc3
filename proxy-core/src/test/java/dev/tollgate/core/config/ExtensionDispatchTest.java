package dev.tollgate.core.config;

import static dev.tollgate.core.config.Configs.error;
import static dev.tollgate.core.config.Configs.fails;
import static dev.tollgate.core.config.Configs.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backend extra_config goes to the extension that owns the namespace, under its canonical name. */
class ExtensionDispatchTest {

    /** What the stub parses into. */
    record Greeting(String text, String path) {
    }

    /**
     * A config-only extension: {@code {"text": "..."}}; {@code "disabled": true} gives null (nothing to keep), a
     * missing text is an error at its path.
     */
    static final class GreetingExtension implements BackendExtension<Greeting> {
        final List<String> parsedAt = new ArrayList<>();

        @Override
        public String namespace() {
            return "test/greeting";
        }

        @Override
        public List<String> aliases() {
            return List.of("github.com/example/greeting", "greeting");
        }

        @Override
        public Greeting parse(JsonNode value, JsonPath path, ConfigProblems problems) {
            parsedAt.add(path.toString());
            ConfigObject obj = ConfigObject.of(value, path, problems);
            if (obj.bool("disabled", false)) {
                obj.warnUnknownKeys();
                return null;
            }
            String text = obj.requiredString("text");
            obj.warnUnknownKeys();
            return text == null ? null : new Greeting(text, path.toString());
        }

        @Override
        public BackendDecorator decorate(EndpointConfig endpoint, BackendConfig backend, Greeting config) {
            return null;
        }
    }

    /** Throws from parse, as a buggy extension might. */
    static final class BrokenExtension implements BackendExtension<Object> {
        @Override
        public String namespace() {
            return "test/broken";
        }

        @Override
        public Object parse(JsonNode value, JsonPath path, ConfigProblems problems) {
            throw new IllegalStateException("secret=hunter2");
        }

        @Override
        public BackendDecorator decorate(EndpointConfig endpoint, BackendConfig backend, Object config) {
            return null;
        }
    }

    private static String withExtra(String extra) {
        return "{'version': 3, 'host': ['h'], 'endpoints': [{'endpoint': '/a', 'backend': [{'url_pattern': '/x', "
                + "'extra_config': {" + extra + "}}]}]}";
    }

    @Test
    void canonicalNamespaceIsParsedByItsExtension() {
        GreetingExtension ext = new GreetingExtension();
        LoadedConfig loaded = load(withExtra("'test/greeting': {'text': 'hi'}"), ext);
        ExtensionConfigs configs = loaded.config().endpoints().get(0).backend().extensions();
        assertEquals(new Greeting("hi", "endpoints[0].backend[0].extra_config[\"test/greeting\"]"),
                configs.get("test/greeting", Greeting.class));
        assertEquals(List.of("endpoints[0].backend[0].extra_config[\"test/greeting\"]"), ext.parsedAt);
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void aliasIsStoredUnderTheCanonicalNamespace() {
        LoadedConfig loaded = load(withExtra("'github.com/example/greeting': {'text': 'legacy'}"),
                new GreetingExtension());
        ExtensionConfigs configs = loaded.config().endpoints().get(0).backend().extensions();
        assertTrue(configs.contains("test/greeting"));
        assertFalse(configs.contains("github.com/example/greeting"));
        assertEquals("legacy", configs.get("test/greeting", Greeting.class).text());
        assertEquals("endpoints[0].backend[0].extra_config[\"github.com/example/greeting\"]",
                configs.get("test/greeting", Greeting.class).path(), "the extension sees the name as written");
    }

    @Test
    void canonicalAndAliasTogetherIsAnError() {
        assertEquals("endpoints[0].backend[0].extra_config.greeting: \"test/greeting\" and \"greeting\" are two "
                        + "names of the same namespace \"test/greeting\"; keep only one",
                error(withExtra("'test/greeting': {'text': 'a'}, 'greeting': {'text': 'b'}"),
                        new GreetingExtension()));
    }

    @Test
    void extensionErrorsAreReportedWithTheRestAndNothingIsKept() {
        ConfigException e = fails(withExtra("'test/greeting': {'txt': 'typo'}, 'other/ns': {}")
                .replace("'/a'", "'a'"), new GreetingExtension());
        assertEquals(List.of(
                "endpoints[0].endpoint: \"a\" must start with '/'",
                "endpoints[0].backend[0].extra_config[\"test/greeting\"].text: is required"), e.errors());
        assertEquals(List.of(
                "endpoints[0].backend[0].extra_config[\"test/greeting\"].txt: unknown or unsupported key, ignored",
                "endpoints[0].backend[0].extra_config[\"other/ns\"]: not a namespace Tollgate or KrakenD knows, "
                        + "ignored (as KrakenD ignores it)"), e.warnings().subList(0, 2));
    }

    @Test
    void nullResultIsNotStored() {
        LoadedConfig loaded = load(withExtra("'test/greeting': {'disabled': true}"), new GreetingExtension());
        ExtensionConfigs configs = loaded.config().endpoints().get(0).backend().extensions();
        assertFalse(configs.contains("test/greeting"));
        assertNull(configs.get("test/greeting", Greeting.class));
    }

    @Test
    void withoutTheExtensionTheNamespaceIsOnlyWarned() {
        LoadedConfig loaded = load(withExtra("'test/greeting': {'text': 'hi'}"));
        assertEquals(List.of("endpoints[0].backend[0].extra_config[\"test/greeting\"]: not a namespace Tollgate "
                + "or KrakenD knows, ignored (as KrakenD ignores it)"), loaded.warnings());
        assertSame(ExtensionConfigs.EMPTY, loaded.config().endpoints().get(0).backend().extensions());
    }

    @Test
    void backendNamespaceOutsideABackendIsWarnedWhereItBelongs() {
        GreetingExtension ext = new GreetingExtension();
        LoadedConfig loaded = load("""
                {'version': 3, 'host': ['h'], 'extra_config': {'test/greeting': {'text': 'top'}},
                 'endpoints': [{'endpoint': '/a', 'extra_config': {'greeting': {'text': 'ep'}},
                                'backend': [{'url_pattern': '/x'}]}]}""", ext);
        assertEquals(List.of(
                "extra_config[\"test/greeting\"]: this namespace belongs in a backend's extra_config, ignored here",
                "endpoints[0].extra_config.greeting: this namespace belongs in a backend's extra_config, "
                        + "ignored here"), loaded.warnings());
        assertEquals(List.of(), ext.parsedAt, "only backend blocks are parsed");
    }

    /** The endpoint-level twin of the greeting: parsed from an endpoint's extra_config only. */
    static final class EndpointGreeting implements dev.tollgate.core.extension.EndpointExtension<String> {
        @Override
        public String namespace() {
            return "test/hello";
        }

        @Override
        public String parse(JsonNode value, JsonPath path, ConfigProblems problems) {
            return path.toString();
        }

        @Override
        public dev.tollgate.core.extension.EndpointGuard guard(EndpointConfig endpoint, String config) {
            return null;
        }
    }

    @Test
    void endpointNamespacesAreParsedFromEndpointsAndWarnedElsewhere() {
        LoadedConfig loaded = load("""
                {'version': 3, 'host': ['h'], 'extra_config': {'test/hello': {}},
                 'endpoints': [{'endpoint': '/a', 'extra_config': {'test/hello': {}},
                                'backend': [{'url_pattern': '/x', 'extra_config': {'test/hello': {}}}]}]}""",
                new GreetingExtension(), new EndpointGreeting());
        EndpointConfig endpoint = loaded.config().endpoints().get(0);
        assertEquals("endpoints[0].extra_config[\"test/hello\"]", endpoint.extensions().get("test/hello", String.class));
        assertSame(ExtensionConfigs.EMPTY, endpoint.backend().extensions());
        assertEquals(List.of(
                "extra_config[\"test/hello\"]: this namespace belongs in an endpoint's extra_config, ignored here",
                "endpoints[0].backend[0].extra_config[\"test/hello\"]: this namespace belongs in an endpoint's "
                        + "extra_config, ignored here"), loaded.warnings());
    }

    @Test
    void extensionExceptionBecomesAnErrorWithoutItsMessage() {
        ConfigException e = fails(withExtra("'test/broken': {}"), new BrokenExtension());
        assertEquals(List.of("endpoints[0].backend[0].extra_config[\"test/broken\"]: cannot be read "
                + "(IllegalStateException in the \"test/broken\" extension)"), e.errors());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void twoExtensionsClaimingOneNameAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfigLoader(List.of(new GreetingExtension(), new GreetingExtension())));
        assertTrue(e.getMessage().contains("\"test/greeting\""), e.getMessage());
    }
}
