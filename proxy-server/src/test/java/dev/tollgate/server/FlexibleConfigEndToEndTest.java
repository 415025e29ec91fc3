package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.ProtectionOptIn;
import dev.tollgate.core.gateway.Gateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KrakenD's flexible configuration through {@code check} and {@code run}'s loading: the sample in
 * config-samples/flexible (settings, a partial, a template, the client secret from the environment) renders a
 * config that loads, FC_OUT gets it without the secret, and the running proxy sends the real secret to a real
 * token endpoint.
 */
class FlexibleConfigEndToEndTest {
    private static final Path SAMPLE = Path.of("..", "config-samples", "flexible");
    private static final String SECRET = "env-secret-7f3a9c";

    @TempDir
    Path dir;

    private static Map<String, String> env(Path sample, Path out) {
        Map<String, String> env = new HashMap<>(Map.of("FC_ENABLE", "1",
                "FC_SETTINGS", sample.resolve("settings").toString(),
                "FC_PARTIALS", sample.resolve("partials").toString(),
                "FC_TEMPLATES", sample.resolve("templates").toString(),
                "CLIENT_SECRET", SECRET));
        if (out != null) {
            env.put("FC_OUT", out.toString());
        }
        return env;
    }

    @Test
    void checkAcceptsTheSampleAndFcOutHoldsTheRenderedConfigWithoutTheSecret() throws Exception {
        Path out = dir.resolve("rendered.json");
        Output o = check(SAMPLE.resolve("krakend.tmpl"), env(SAMPLE, out));
        assertEquals(0, o.code, o.text);
        assertTrue(o.text.contains("OK: ../config-samples/flexible/krakend.tmpl: 2 endpoints, port 8080"), o.text);
        assertTrue(o.text.contains("GET /invoices/{id} -> GET [http://127.0.0.1:8080]/__echo/invoices/{id} "
                + "[auth/client-credentials]"), o.text);
        assertTrue(o.text.contains("info: flexible config: rendered ../config-samples/flexible/krakend.tmpl (written to "
                + out + " with secrets redacted)"), o.text);
        assertFalse(o.text.contains(SECRET), o.text);

        String rendered = Files.readString(out);
        assertFalse(rendered.contains(SECRET), rendered);
        assertEquals(2, rendered.split("\"client_secret\": \"<redacted>\"", -1).length - 1, rendered);
        // The redacted copy is still a config: what a reader sees there is what was loaded, minus the secret.
        assertEquals(2, new ConfigLoader(Extensions.create()).parse(rendered, "rendered.json").config().endpoints()
                .size());
    }

    @Test
    void withoutFcEnableTheTemplateIsReadAsJsonAndRefused() {
        Map<String, String> env = env(SAMPLE, null);
        env.remove("FC_ENABLE");
        Output o = check(SAMPLE.resolve("krakend.tmpl"), env);
        assertEquals(1, o.code, o.text);
        assertTrue(o.text.contains("invalid JSON"), o.text);
    }

    @Test
    void aTemplateErrorNamesTheTemplateLineAndAJsonErrorPointsAtTheRenderedText() throws IOException {
        Path bad = Files.writeString(dir.resolve("krakend.tmpl"), "{\"version\": 3,\n \"port\": {{ printf \"%d\" 1 }}}");
        Output o = check(bad, env(SAMPLE, null));
        assertEquals(1, o.code, o.text);
        assertTrue(o.text.contains("flexible config: krakend.tmpl:2:13: function \"printf\" is not supported"), o.text);

        Path broken = Files.writeString(dir.resolve("broken.tmpl"), "{\"version\": 3,\n \"port\": {{ .service.port }}x}");
        o = check(broken, env(SAMPLE, null));
        assertEquals(1, o.code, o.text);
        assertTrue(o.text.startsWith(broken + " (as rendered by the flexible config; set FC_OUT=FILE to see it): "
                + "1 configuration error:\n  invalid JSON at line 2, column 14"), o.text);
    }

    @Test
    void theRunningProxySendsTheSecretFromTheEnvironmentToTheTokenEndpoint() throws Exception {
        MockOAuth2Server idp = new MockOAuth2Server();
        idp.start();
        RecordingOrigin origin = new RecordingOrigin();
        Gateway gateway = null;
        try {
            Path sample = copySample();
            Files.writeString(sample.resolve("settings/auth.json"), """
                    {"client_id": "tollgate-flex", "token_url": "%s", "endpoint_params": {}}
                    """.formatted(idp.tokenEndpointUrl("default")));
            Files.writeString(sample.resolve("settings/service.json"), """
                    {"name": "test", "port": 0, "backend_hosts": ["%s"], "input_headers": []}
                    """.formatted(origin.url()));
            var extensions = Extensions.create();
            ConfigSource.Loaded loaded = ConfigSource.load(new ConfigLoader(extensions, ProtectionOptIn.NONE),
                    sample.resolve("krakend.tmpl"), env(sample, null));
            gateway = Gateway.start(loaded.config().config(), extensions);

            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/orders/7")).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            RecordingOrigin.Seen seen = origin.requests.poll(5, TimeUnit.SECONDS);
            assertNotNull(seen);
            assertEquals("/__echo/orders/7", seen.uri());
            assertTrue(seen.headers().get("Authorization").startsWith("Bearer "), seen.headers().toString());

            RecordedRequest tokenRequest = idp.takeRequest(5, TimeUnit.SECONDS);
            String basic = tokenRequest.getHeader("Authorization");
            String sent = (basic == null ? "" : new String(Base64.getDecoder().decode(basic.substring(6)),
                    StandardCharsets.UTF_8)) + " " + URLDecoder.decode(tokenRequest.getBody().readUtf8(),
                    StandardCharsets.UTF_8);
            assertTrue(sent.contains(SECRET), "the token endpoint got the environment's secret: " + sent);
        } finally {
            if (gateway != null) {
                gateway.shutdown(Duration.ofSeconds(1));
            }
            origin.close();
            idp.shutdown();
        }
    }

    private Path copySample() throws IOException {
        Path copy = dir.resolve("flexible");
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(SAMPLE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    private static Output check(Path file, Map<String, String> env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = CheckCommand.run(file, ProtectionOptIn.NONE, env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Output(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Output(int code, String text) {
    }
}
