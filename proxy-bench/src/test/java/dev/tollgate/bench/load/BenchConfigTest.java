package dev.tollgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.jwt.JwtValidatorExtension;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.LoadedConfig;
import dev.tollgate.core.extension.Extension;
import dev.tollgate.core.gateway.Gateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated krakend.json as Tollgate loads it (no error, warning or behaviour difference), and its JWT endpoint
 * served in-process with the token the harness sends: the request the load generator would write, once.
 */
class BenchConfigTest {
    @TempDir
    Path dir;

    private List<Extension<?>> extensions() {
        return List.of(new JwtValidatorExtension(), new ClientCredentialsExtension());
    }

    @Test
    void theGeneratedConfigLoadsCleanly() throws Exception {
        LoadedConfig loaded = load(8080, 8081, 8082);
        assertEquals(List.of(), loaded.warnings());
        assertTrue(loaded.config().endpoints().stream().anyMatch(e -> e.path().equals(BenchConfig.JWT_ENDPOINT)));
    }

    @Test
    void theJwtEndpointPassesTheBenchTokenAndPutsItsSubjectInThePath() throws Exception {
        try (ScriptedServer origin = new ScriptedServer(ScriptedServer.Behaviour.OK)) {
            List<Extension<?>> extensions = extensions();
            Gateway gateway = Gateway.start(load(0, origin.port(), origin.port(), extensions).config(), extensions);
            try {
                String base = "http://127.0.0.1:" + gateway.port() + BenchConfig.JWT_ENDPOINT;
                Target target = new Target("proxy-jwt", Target.Kind.PROXY_JWT, List.of(base),
                        "Bearer " + BenchToken.sign(System.currentTimeMillis() / 1000, 3600), "proxy", 2);
                ControlClient control = new ControlClient();
                assertEquals(200, control.get(target.url(), Duration.ofSeconds(10), target.authorization()).status());
                assertEquals(BenchConfig.ORIGIN_PATH + "/" + BenchToken.SUBJECT, origin.lastUri.get());
                assertEquals(401, control.get(target.url(), Duration.ofSeconds(10)).status(), "no token");
                assertEquals(401, control.get(target.url(), Duration.ofSeconds(10),
                        "Bearer " + BenchToken.sign(System.currentTimeMillis() / 1000 - 7200, 3600)).status(),
                        "an expired one");
                assertFalse(target.toString().contains(target.authorization()), "a target prints no token");
            } finally {
                gateway.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void theRequestTemplateCarriesTheAuthorization() {
        RequestTemplate t = RequestTemplate.get("http://127.0.0.1:1/bench/jwt", "Bearer abc");
        String head = t.newRequest().toString(java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(head.startsWith("GET /bench/jwt HTTP/1.1\r\n"), head);
        assertTrue(head.contains("\r\nAuthorization: Bearer abc\r\n"), head);
        assertFalse(RequestTemplate.get("http://127.0.0.1:1/x").newRequest()
                .toString(java.nio.charset.StandardCharsets.US_ASCII).contains("Authorization"));
    }

    private LoadedConfig load(int proxy, int origin, int idp) throws Exception {
        return load(proxy, origin, idp, extensions());
    }

    private LoadedConfig load(int proxy, int origin, int idp, List<Extension<?>> extensions) throws Exception {
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, BenchToken.jwks());
        return new ConfigLoader(extensions).parse(BenchConfig.krakendJson(proxy, origin, idp, jwks), "krakend.json");
    }
}
