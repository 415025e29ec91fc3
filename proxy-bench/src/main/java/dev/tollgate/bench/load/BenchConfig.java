package dev.tollgate.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the KrakenD v3 configuration the harness runs the proxy with: one endpoint without auth and one whose
 * backend uses {@code auth/client-credentials} against the bench token endpoint, both {@code no-op} (the origin's
 * bytes pass through untouched), and a {@code json} endpoint that calls the origin twice and merges the two answers
 * (KrakenD's signature feature), and a no-op endpoint behind {@code auth/validator} (HS256 from a local JWK set,
 * the token's {@code sub} in the backend path: {@link BenchToken}), all with a long timeout so only the proxy's
 * own cost is measured. It uses only fields KrakenD itself accepts, so the same file can run KrakenD for a
 * side-by-side comparison. The scale cases ({@link Layout}) add a payload sweep (one plain and one client-credentials
 * endpoint per size), one client-credentials endpoint per credential set, filler endpoints before the measured
 * ones, and a top-level {@code tls} block.
 */
final class BenchConfig {
    /**
     * What the scale flags change in the generated file.
     *
     * @param sweep          body sizes of the payload sweep ({@code /bench/plain/<size>}, {@code /bench/cc/<size>}),
     *                       empty for none
     * @param endpoints      the file's total endpoint count: fillers are added first up to it (0: none)
     * @param credentialSets endpoints {@code /bench/sets/1..N}, each a backend with its own client_id
     * @param tlsCertificate PEM certificate for a top-level {@code tls} block, or null for plain HTTP
     * @param tlsKey         its PEM key, or null
     */
    record Layout(List<Integer> sweep, int endpoints, int credentialSets, Path tlsCertificate, Path tlsKey) {
        static final Layout PLAIN = new Layout(List.of(), 0, 0, null, null);

        Layout {
            sweep = List.copyOf(sweep);
        }

        Layout withTls(Path certificate, Path key) {
            return new Layout(sweep, endpoints, credentialSets, certificate, key);
        }
    }

    static final String CREDENTIAL_SETS_ENDPOINT = "/bench/sets";
    static final String FILLER_PREFIX = "/filler";
    static final String PLAIN_ENDPOINT = "/bench/plain";
    static final String CLIENT_CREDENTIALS_ENDPOINT = "/bench/cc";
    static final String MERGE_ENDPOINT = "/bench/merge";
    static final String JWT_ENDPOINT = "/bench/jwt";
    static final String ORIGIN_PATH = "/payload";
    static final String CLIENT_ID = "bench";
    /** A fixed, publicly known bench credential for the bench token endpoint, not a secret of anything real. */
    static final String CLIENT_SECRET = "dummy-bench-secret";

    private BenchConfig() {
    }

    /** @param jwks the JWK set file of the JWT endpoint ({@link BenchToken#jwks}) */
    static String krakendJson(int proxyPort, int originPort, int idpPort, Path jwks) throws IOException {
        return krakendJson(proxyPort, originPort, idpPort, jwks, 0, false);
    }

    /**
     * @param metricsPort where the proxy serves Prometheus metrics (KrakenD's telemetry/opentelemetry exporter);
     *                    0 for none
     * @param accessLog   keep KrakenD's access log on; off by default, as the peers it is compared with log nothing
     */
    static String krakendJson(int proxyPort, int originPort, int idpPort, Path jwks, int metricsPort,
                              boolean accessLog) throws IOException {
        return krakendJson(proxyPort, originPort, idpPort, jwks, metricsPort, accessLog, Layout.PLAIN);
    }

    /** The client path of the plain endpoint for a body size ({@code -1}: the default one). */
    static String plainPath(int size) {
        return size < 0 ? PLAIN_ENDPOINT : PLAIN_ENDPOINT + "/" + size;
    }

    static String clientCredentialsPath(int size) {
        return size < 0 ? CLIENT_CREDENTIALS_ENDPOINT : CLIENT_CREDENTIALS_ENDPOINT + "/" + size;
    }

    /** The origin path answering {@code size} bytes ({@code -1}: the default payload). */
    static String originPath(int size) {
        return size < 0 ? ORIGIN_PATH : ORIGIN_PATH + "/" + size;
    }

    static String credentialSetPath(int n) {
        return CREDENTIAL_SETS_ENDPOINT + "/" + n;
    }

    /** How many endpoints the file has before fillers: the measured ones. */
    static int measuredEndpoints(Layout layout) {
        return (layout.sweep().isEmpty() ? 2 : 2 * layout.sweep().size()) + 2 + layout.credentialSets();
    }

    static String krakendJson(int proxyPort, int originPort, int idpPort, Path jwks, int metricsPort,
                              boolean accessLog, Layout layout) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("version", 3);
            json.writeStringField("name", "tollgate-bench");
            json.writeStringField("listen_ip", "127.0.0.1"); // loopback only, like every other bench process
            json.writeNumberField("port", proxyPort);
            json.writeStringField("timeout", "30s");
            if (layout.tlsCertificate() != null) {
                json.writeObjectFieldStart("tls");
                json.writeStringField("public_key", layout.tlsCertificate().toAbsolutePath().toString());
                json.writeStringField("private_key", layout.tlsKey().toAbsolutePath().toString());
                json.writeEndObject();
            }
            json.writeArrayFieldStart("endpoints");
            // fillers first: the measured endpoints are the last ones the router was given
            int fillers = layout.endpoints() - measuredEndpoints(layout);
            for (int i = 0; i < fillers; i++) {
                fillerEndpoint(json, i, originPort);
            }
            if (layout.sweep().isEmpty()) {
                endpoint(json, PLAIN_ENDPOINT, ORIGIN_PATH, originPort, -1, CLIENT_ID);
                endpoint(json, CLIENT_CREDENTIALS_ENDPOINT, ORIGIN_PATH, originPort, idpPort, CLIENT_ID);
            } else {
                for (int size : layout.sweep()) {
                    endpoint(json, plainPath(size), originPath(size), originPort, -1, CLIENT_ID);
                    endpoint(json, clientCredentialsPath(size), originPath(size), originPort, idpPort, CLIENT_ID);
                }
            }
            for (int n = 1; n <= layout.credentialSets(); n++) {
                endpoint(json, credentialSetPath(n), ORIGIN_PATH, originPort, idpPort, setClientId(n));
            }
            mergeEndpoint(json, originPort);
            jwtEndpoint(json, originPort, jwks);
            json.writeEndArray();
            json.writeObjectFieldStart("extra_config");
            json.writeObjectFieldStart("router");
            json.writeBooleanField("disable_access_log", !accessLog);
            json.writeEndObject();
            if (metricsPort > 0) {
                json.writeObjectFieldStart("telemetry/opentelemetry");
                json.writeObjectFieldStart("exporters");
                json.writeArrayFieldStart("prometheus");
                json.writeStartObject();
                json.writeStringField("name", "bench");
                json.writeStringField("host", "127.0.0.1");
                json.writeNumberField("port", metricsPort);
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toString() + System.lineSeparator();
    }

    /** Two backends (both the origin), json encoding: decoded, merged and written again as KrakenD does. */
    private static void mergeEndpoint(JsonGenerator json, int originPort) throws IOException {
        json.writeStartObject();
        json.writeStringField("endpoint", MERGE_ENDPOINT);
        json.writeStringField("method", "GET");
        json.writeStringField("output_encoding", "json");
        json.writeArrayFieldStart("backend");
        for (int i = 0; i < 2; i++) {
            json.writeStartObject();
            json.writeArrayFieldStart("host");
            json.writeString("http://127.0.0.1:" + originPort);
            json.writeEndArray();
            json.writeStringField("url_pattern", ORIGIN_PATH);
            json.writeStringField("method", "GET");
            json.writeStringField("encoding", "json");
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /**
     * No-op, behind {@code auth/validator}: signature (cached after the first request), exp, issuer and audience
     * checked, and {@code sub} substituted into the backend path, which the origin answers like any other.
     */
    private static void jwtEndpoint(JsonGenerator json, int originPort, Path jwks) throws IOException {
        json.writeStartObject();
        json.writeStringField("endpoint", JWT_ENDPOINT);
        json.writeStringField("method", "GET");
        json.writeStringField("output_encoding", "no-op");
        json.writeObjectFieldStart("extra_config");
        json.writeObjectFieldStart("auth/validator");
        json.writeStringField("alg", "HS256");
        json.writeStringField("jwk_local_path", jwks.toAbsolutePath().toString());
        json.writeBooleanField("disable_jwk_security", true); // KrakenD wants it for a local key set
        json.writeStringField("issuer", BenchToken.ISSUER);
        json.writeArrayFieldStart("audience");
        json.writeString(BenchToken.AUDIENCE);
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("backend");
        json.writeStartObject();
        json.writeArrayFieldStart("host");
        json.writeString("http://127.0.0.1:" + originPort);
        json.writeEndArray();
        json.writeStringField("url_pattern", ORIGIN_PATH + "/{JWT.sub}");
        json.writeStringField("method", "GET");
        json.writeStringField("encoding", "no-op");
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The client id of credential set {@code n}, as the bench token endpoint accepts it. */
    static String setClientId(int n) {
        return CLIENT_ID + "-set-" + n;
    }

    /**
     * An endpoint nobody requests, there to make the router larger: every other one static, the rest templated
     * with two parameters, as a real API's table looks.
     */
    private static void fillerEndpoint(JsonGenerator json, int i, int originPort) throws IOException {
        String path = i % 2 == 0 ? FILLER_PREFIX + "/svc" + i + "/status"
                : FILLER_PREFIX + "/svc" + i + "/customers/{customer}/orders/{order}";
        json.writeStartObject();
        json.writeStringField("endpoint", path);
        json.writeStringField("method", "GET");
        json.writeStringField("output_encoding", "no-op");
        json.writeArrayFieldStart("backend");
        json.writeStartObject();
        json.writeArrayFieldStart("host");
        json.writeString("http://127.0.0.1:" + originPort);
        json.writeEndArray();
        json.writeStringField("url_pattern", i % 2 == 0 ? ORIGIN_PATH
                : ORIGIN_PATH + "/{customer}/{order}");
        json.writeStringField("encoding", "no-op");
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void endpoint(JsonGenerator json, String path, String originPath, int originPort, int idpPort,
            String clientId) throws IOException {
        json.writeStartObject();
        json.writeStringField("endpoint", path);
        json.writeStringField("method", "GET");
        json.writeStringField("output_encoding", "no-op");
        json.writeArrayFieldStart("backend");
        json.writeStartObject();
        json.writeArrayFieldStart("host");
        json.writeString("http://127.0.0.1:" + originPort);
        json.writeEndArray();
        json.writeStringField("url_pattern", originPath);
        json.writeStringField("method", "GET");
        json.writeStringField("encoding", "no-op");
        if (idpPort > 0) {
            json.writeObjectFieldStart("extra_config");
            json.writeObjectFieldStart("auth/client-credentials");
            json.writeStringField("client_id", clientId);
            json.writeStringField("client_secret", CLIENT_SECRET);
            json.writeStringField("token_url", "http://127.0.0.1:" + idpPort + "/token");
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }
}
