package dev.tollgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.jwt.JwtValidatorExtension;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.LoadedConfig;
import dev.tollgate.core.extension.Extension;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.bench.tls.BenchCertificate;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
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
    void aTemplateOfSeveralUrlsTakesThemInTurnAndHttpsIsAccepted() {
        RequestTemplate t = RequestTemplate.get(List.of("https://127.0.0.1:9/a", "https://127.0.0.1:9/b"), null);
        assertTrue(t.tls());
        assertEquals(9, t.address().getPort());
        String first = t.newRequest(0).toString(java.nio.charset.StandardCharsets.US_ASCII);
        String second = t.newRequest(1).toString(java.nio.charset.StandardCharsets.US_ASCII);
        String third = t.newRequest(2).toString(java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(first.startsWith("GET /a ") && second.startsWith("GET /b ") && third.startsWith("GET /a "));
        assertThrows(IllegalArgumentException.class,
                () -> RequestTemplate.get(List.of("http://127.0.0.1:9/a", "http://127.0.0.1:10/b"), null));
        assertThrows(IllegalArgumentException.class, () -> RequestTemplate.get("ftp://127.0.0.1/x"));
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

    @Test
    void endpointsPadTheFileWithFillersBeforeTheMeasuredOnes() throws Exception {
        BenchConfig.Layout layout = new BenchConfig.Layout(List.of(), 500, 0, null, null);
        LoadedConfig loaded = load(8080, 8081, 8082, layout);
        assertEquals(List.of(), loaded.warnings());
        List<String> paths = loaded.config().endpoints().stream().map(e -> e.path()).toList();
        assertEquals(500, paths.size());
        assertTrue(paths.subList(0, 496).stream().allMatch(p -> p.startsWith(BenchConfig.FILLER_PREFIX)), "fillers first");
        assertTrue(paths.stream().anyMatch(p -> p.contains("{customer}")), "templated fillers too");
        assertEquals(List.of(BenchConfig.PLAIN_ENDPOINT, BenchConfig.CLIENT_CREDENTIALS_ENDPOINT,
                BenchConfig.MERGE_ENDPOINT, BenchConfig.JWT_ENDPOINT), paths.subList(496, 500), "measured last");
    }

    @Test
    void credentialSetsAreBackendsWithDistinctClientIdsAndASweepHasAnEndpointPairPerSize() throws Exception {
        BenchConfig.Layout layout = new BenchConfig.Layout(List.of(1024, 65536), 0, 3, null, null);
        String json = BenchConfig.krakendJson(8080, 8081, 8082, dir.resolve("jwks.json"), 0, false, layout);
        for (String id : List.of("bench-set-1", "bench-set-2", "bench-set-3")) {
            assertEquals(1, json.split("\"client_id\" : \"" + id + "\"", -1).length - 1, id + " once: " + json);
        }
        LoadedConfig loaded = load(8080, 8081, 8082, layout);
        assertEquals(List.of(), loaded.warnings());
        List<String> paths = loaded.config().endpoints().stream().map(e -> e.path()).toList();
        assertEquals(List.of("/bench/plain/1024", "/bench/cc/1024", "/bench/plain/65536", "/bench/cc/65536",
                "/bench/sets/1", "/bench/sets/2", "/bench/sets/3", BenchConfig.MERGE_ENDPOINT,
                BenchConfig.JWT_ENDPOINT), paths);
        assertTrue(json.contains("\"url_pattern\" : \"/payload/65536\""), json);
        assertEquals(paths.size(), BenchConfig.measuredEndpoints(layout));
    }

    @Test
    void theTlsConfigServesHttpsToTheLoadGenerator() throws Exception {
        BenchCertificate certificate = BenchCertificate.generate(dir);
        try (ScriptedServer origin = new ScriptedServer(ScriptedServer.Behaviour.OK)) {
            List<Extension<?>> extensions = extensions();
            BenchConfig.Layout layout = BenchConfig.Layout.PLAIN.withTls(certificate.certificate(), certificate.key());
            LoadedConfig loaded = load(0, origin.port(), origin.port(), layout, extensions);
            assertEquals(List.of(), loaded.warnings());
            Gateway gateway = Gateway.start(loaded.config(), extensions);
            SslContext tls = SslContextBuilder.forClient().trustManager(certificate.x509())
                    .endpointIdentificationAlgorithm("HTTPS").build();
            try (LoadGenerator generator = new LoadGenerator(1, tls)) {
                String url = "https://127.0.0.1:" + gateway.port() + BenchConfig.PLAIN_ENDPOINT;
                assertEquals(200, new ControlClient(certificate.clientContext()).get(url, Duration.ofSeconds(10))
                        .status());
                RunCounts counts = generator.run(RequestTemplate.get(url), new LoadSpec(LoadSpec.Mode.OPEN, 2, 100,
                        TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.SECONDS.toNanos(10), ScriptedServer.BODY_BYTES),
                        new Recorder(3), () -> { });
                assertEquals(30, counts.ok(), counts.toString()); // 2 connections x 50 req/s x 300 ms
                assertEquals(0, counts.errors(), counts.toString());
            } finally {
                gateway.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    private LoadedConfig load(int proxy, int origin, int idp, BenchConfig.Layout layout) throws Exception {
        return load(proxy, origin, idp, layout, extensions());
    }

    private LoadedConfig load(int proxy, int origin, int idp, BenchConfig.Layout layout,
            List<Extension<?>> extensions) throws Exception {
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, BenchToken.jwks());
        return new ConfigLoader(extensions).parse(BenchConfig.krakendJson(proxy, origin, idp, jwks, 0, false, layout),
                "krakend.json");
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
