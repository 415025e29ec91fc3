package dev.tollgate.server.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.Extension;
import dev.tollgate.core.gateway.Gateway;
import dev.tollgate.core.gateway.GatewayStartException;
import dev.tollgate.server.ServerExtensions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * KrakenD CE's own integration specs (vendored in {@code src/test/resources/krakend-ce}, see its NOTICE) run
 * against one Tollgate gateway and one port of KrakenD's mock backend, as krakend-ce's tests/integration.go runs
 * them against {@code krakend run -d}. A spec is skipped, naming the feature, when an endpoint (or gateway feature)
 * it depends on is one Tollgate does not serve as KrakenD would ({@link ConformanceConfig}); a spec Tollgate fails
 * on a feature it implements is a {@link KnownDifferences} entry; every other spec must pass.
 */
class KrakendCeConformanceTest {
    private static final int VENDORED_SPECS = 59;
    /** The suite's default -krakend_delay for the /delayed/ backend. */
    private static final Duration BACKEND_DELAY = Duration.ofMillis(200);

    private static final ConformanceReport REPORT = new ConformanceReport();
    private static Path dir;
    private static MockBackend backend;
    private static Gateway gateway;
    private static ConformanceConfig config;
    private static SpecRoutes routes;
    /** The config the gateway under test runs. */
    private static dev.tollgate.core.config.GatewayConfig served;
    private static GoHttpClient client;

    @BeforeAll
    static void start() throws Exception {
        dir = resource("/krakend-ce");
        String fixture = Files.readString(dir.resolve("krakend.json"), StandardCharsets.UTF_8);
        backend = new MockBackend(new KrakendMockRoutes(BACKEND_DELAY, Normalisations::asKrakendWouldSend)::serve);
        List<Extension<?>> extensions = ServerExtensions.create();
        ConfigLoader loader = new ConfigLoader(extensions);
        // Backends of the fixture call the gateway itself (its /__debug/), so its port goes into the config before
        // it listens: take a free one, and try another if something grabs it first.
        for (int attempt = 1; gateway == null; attempt++) {
            int port = freePort();
            config = new ConformanceConfig(loader, fixture, backend.port(), port);
            try {
                served = config.load().config();
                gateway = Gateway.start(served, extensions);
            } catch (GatewayStartException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        routes = new SpecRoutes(config.fixture());
        client = new GoHttpClient(Map.of("localhost:8080", new InetSocketAddress("127.0.0.1", gateway.port())),
                5_000);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.shutdown(Duration.ofSeconds(1));
        }
        if (backend != null) {
            backend.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> krakendCeSpecs() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("specs"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(VENDORED_SPECS, files.size(), "specs vendored from krakend-ce");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            Spec spec = Spec.read(file);
            tests.add(DynamicTest.dynamicTest(spec.name(), () -> run(spec)));
        }
        tests.add(DynamicTest.dynamicTest("summary", KrakendCeConformanceTest::summary));
        return tests.stream();
    }

    private static void run(Spec spec) throws IOException {
        List<String> needs = missingFeatures(spec);
        if (!needs.isEmpty()) {
            List<String> features = needs.stream().map(n -> n.replaceAll(" \\(via .*\\)$", "")).distinct().toList();
            REPORT.skipped(spec.name(), features);
            Assumptions.abort(spec.name() + ": Tollgate does not serve this as KrakenD would: needs "
                    + String.join(", ", needs));
        }
        List<String> errors;
        try {
            GoHttpClient.Response res = withFixturePorts(client.send(spec.in().method(), spec.in().url(),
                    spec.in().header(), requestBody(spec.in().body())));
            errors = ResponseCheck.check(res, spec.out());
        } catch (IOException e) {
            // the Go runner passes a case whose client error is exactly the expected one
            errors = String.valueOf(e.getMessage()).equals(spec.error()) ? List.of() : List.of("request failed: " + e);
        }
        String known = KnownDifferences.SPECS.get(spec.name());
        if (known != null) {
            if (errors.isEmpty()) {
                REPORT.failed(spec.name(), "passes now: remove it from KnownDifferences");
                fail(spec.name() + ": listed in KnownDifferences (" + known + ") but passes now: remove it");
            }
            REPORT.known(spec.name(), known);
            Assumptions.abort(spec.name() + ": known difference: " + known + "\n\t" + String.join("\n\t", errors));
        }
        if (!errors.isEmpty()) {
            REPORT.failed(spec.name(), String.join(" | ", errors));
            fail(spec.name() + ": wrong response:\n\t" + String.join("\n\t", errors));
        }
        REPORT.passed(spec.name());
    }

    /**
     * The answer with the mock backend's real port written back as the fixture's 8081: the test moved the backend,
     * and an error text ({@code router.return_error_msg}) names the backend URL it was called on.
     */
    private static GoHttpClient.Response withFixturePorts(GoHttpClient.Response res) {
        String real = "127.0.0.1:" + backend.port();
        String text = res.bodyText();
        if (!text.contains(real)) {
            return res;
        }
        return new GoHttpClient.Response(res.status(), res.header(),
                text.replace(real, "127.0.0.1:8081").getBytes(StandardCharsets.UTF_8));
    }

    /** The features this spec needs that the gateway under test lacks, each with the endpoint it is needed for. */
    private static List<String> missingFeatures(Spec spec) {
        if (answeredByCors(spec.in())) {
            return List.of();
        }
        Set<String> needs = new LinkedHashSet<>();
        URI url = URI.create(spec.in().url());
        SpecRoutes.Dependencies deps = routes.of(spec.in().method(), url.getPath());
        for (int i : deps.endpoints()) {
            for (String feature : config.missingFeatures(i)) {
                needs.add(feature + " (via " + config.endpointName(i) + ")");
            }
        }
        needs.addAll(deps.features());
        config.strippedGatewayFeatures().keySet().stream()
                .filter(f -> GatewayFeatures.affects(f, spec.in()))
                .forEach(needs::add);
        return new ArrayList<>(needs);
    }

    /**
     * KrakenD's CORS middleware wraps the whole server handler (krakend-cors' mux RunServer): a preflight it answers
     * never reaches the router, the gin middlewares inside it (the bot detector) or an endpoint.
     */
    private static boolean answeredByCors(Spec.Request in) {
        var cors = served.cors();
        return cors != null && !cors.optionsPassthrough() && in.method().equals("OPTIONS")
                && in.header().entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(
                        "Access-Control-Request-Method") && !e.getValue().isEmpty());
    }

    /** newRequest: a string body is sent as its text, any other JSON value as json.Marshal writes it. */
    private static byte[] requestBody(JsonNode body) {
        if (body == null) {
            return null;
        }
        String text = body instanceof JsonNode.JsonString s ? s.value() : GoJson.encode(GoJson.fromTree(body));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The specs README.md counts as passing; raise it when more pass. */
    private static final int PASSED_AT_LEAST = 33;

    private static void summary() {
        String summary = REPORT.summary() + "\n  gateway under test: " + config.servedCount() + " of the fixture's "
                + "endpoints; stripped at the gateway level: " + config.strippedGatewayFeatures().keySet();
        System.out.println(summary);
        assertEquals(Map.of(), REPORT.unexpectedFailures(), summary);
        assertTrue(REPORT.passedCount() > 0, "no spec ran at all:\n" + summary);
        // A floor, raised as features land: a warning that strips a gateway-level feature used to skip every spec
        // silently (a new telemetry/metrics warning once did); fewer passes than this means something was lost.
        assertTrue(REPORT.passedCount() >= PASSED_AT_LEAST, "only " + REPORT.passedCount() + " specs passed, "
                + "expected at least " + PASSED_AT_LEAST + ":\n" + summary);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(KrakendCeConformanceTest.class.getResource(name).toURI());
    }
}
