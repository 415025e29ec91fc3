package dev.tollgate.core.config.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlexibleConfigTest {
    @TempDir
    Path dir;
    private FlexibleConfig fc;

    @BeforeEach
    void dirs() throws IOException {
        Files.createDirectories(dir.resolve("settings"));
        Files.createDirectories(dir.resolve("partials"));
        Files.createDirectories(dir.resolve("templates"));
        fc = FlexibleConfig.fromEnv(Map.of("FC_ENABLE", "1", "FC_SETTINGS", dir.resolve("settings").toString(),
                "FC_PARTIALS", dir.resolve("partials").toString(), "FC_TEMPLATES", dir.resolve("templates").toString()));
    }

    @Test
    void enabledByAnyNonEmptyFcEnableAsInKrakendCe() {
        assertNull(FlexibleConfig.fromEnv(Map.of()));
        assertNull(FlexibleConfig.fromEnv(Map.of("FC_ENABLE", "", "FC_OUT", "/tmp/x")));
        FlexibleConfig on = FlexibleConfig.fromEnv(Map.of("FC_ENABLE", "0", "FC_OUT", "/tmp/out.json"));
        assertEquals(new FlexibleConfig(null, null, null, Path.of("/tmp/out.json")), on);
    }

    @Test
    void eachSettingsFileIsItsBaseNameAndPartialsAndTemplatesAreFound() throws Exception {
        Files.writeString(dir.resolve("settings/service.json"), "{\"port\": 8080, \"hosts\": [\"http://a\"]}");
        Files.writeString(dir.resolve("settings/notes.txt"), "not a settings file");
        Files.writeString(dir.resolve("partials/timeout.txt"), "\"timeout\": \"3s\",");
        Files.writeString(dir.resolve("templates/backend.tmpl"), "{\"host\": {{ marshal .hosts }}}");
        Path config = Files.writeString(dir.resolve("krakend.tmpl"), """
                {"port": {{ .service.port }}, {{ include "timeout.txt" }}
                 "backend": [{{ template "backend.tmpl" .service }}], "secret": "{{ env "SECRET" }}"}""");
        FlexibleConfig.Rendered r = fc.render(config, Map.of("SECRET", "s3cr3t"));
        assertEquals("{\"port\": 8080, \"timeout\": \"3s\",\n \"backend\": [{\"host\": [\"http://a\"]}], "
                + "\"secret\": \"s3cr3t\"}", r.text());
        assertEquals(Map.of("SECRET", "s3cr3t"), r.envRead());
    }

    @Test
    void theRedactedCopyHidesSecretFieldsAndSecretLookingEnvironmentValuesAndKeepsTheLayout() throws Exception {
        Path config = Files.writeString(dir.resolve("krakend.json"), """
                {
                  "client_secret": "{{ env "CLIENT_SECRET" }}",
                  "token_request_headers": {"Authorization": "Basic Zm9vOmJhcg=="},
                  "note": "the secret {{ env "API_TOKEN" }} also inside a string",
                  "host": "{{ env "HOST" }}",
                  "short": {"password": "ab"}, "other": "ab"
                }""");
        FlexibleConfig.Rendered r = fc.render(config, Map.of("CLIENT_SECRET", "cs-123456", "API_TOKEN", "tok-9",
                "HOST", "http://origin"));
        assertEquals("""
                {
                  "client_secret": "<redacted>",
                  "token_request_headers": {"Authorization": "<redacted>"},
                  "note": "the secret <redacted> also inside a string",
                  "host": "http://origin",
                  "short": {"password": "<redacted>"}, "other": "<redacted>"
                }""", r.redacted());
        assertTrue(r.text().contains("cs-123456"), "the proxy still loads the real value");
        assertFalse(r.toString().contains("cs-123456") || r.toString().contains("tok-9"), r.toString());
    }

    @Test
    void aRenderingThatIsNotJsonStillHidesTheEnvironmentsSecrets() throws Exception {
        Path config = Files.writeString(dir.resolve("krakend.json"), "{\"client_secret\": {{ env \"MY_SECRET\" }}");
        String out = fc.render(config, Map.of("MY_SECRET", "unquoted-secret")).redacted();
        assertEquals("{\"client_secret\": <redacted>", out);
    }

    @Test
    void aBrokenSettingsFileIsNamedWithItsPosition() throws IOException {
        Files.writeString(dir.resolve("settings/a.json"), "{\"x\": }");
        Files.writeString(dir.resolve("settings/b.json"), "[1]");
        Path config = Files.writeString(dir.resolve("krakend.tmpl"), "{}");
        String m = assertThrows(TemplateException.class, () -> fc.render(config, Map.of())).getMessage();
        assertTrue(m.startsWith("loading flexible-config settings: FC_SETTINGS " + dir.resolve("settings/a.json")
                + ": invalid JSON at line 1, column 7"), m);
        assertTrue(m.endsWith("b.json: expected a JSON object, got an array"), m);
    }

    @Test
    void aMissingPartialIsAnErrorAtItsIncludeNotAnEmptyString() throws IOException {
        Path config = Files.writeString(dir.resolve("krakend.tmpl"), "{\n  {{ include \"nope.json\" }}\n}");
        String m = assertThrows(TemplateException.class, () -> fc.render(config, Map.of())).getMessage();
        assertEquals("krakend.tmpl:2:6: error calling include: include \"nope.json\": cannot read "
                + dir.resolve("partials/nope.json"), m);
    }

    @Test
    void anErrorInACalledTemplateNamesThatTemplate() throws IOException {
        Files.writeString(dir.resolve("templates/e.tmpl"), "ok\n{{ .nope }}");
        Path config = Files.writeString(dir.resolve("krakend.tmpl"), "{{ template \"e.tmpl\" . }}");
        String m = assertThrows(TemplateException.class, () -> fc.render(config, Map.of())).getMessage();
        assertTrue(m.startsWith("e.tmpl:2:4: no value: .nope"), m);
        assertFalse(m.contains("krakend.tmpl"), m);
    }
}
