package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.extension.Extension;
import dev.tollgate.core.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code {JWT.x}} in url_patterns on loopback: a token signed here, a key server of our own, and the backend paths
 * the claims land in, on a no-op endpoint, a merging one, a sequential one, and after a wait for the key set.
 */
class JwtClaimPlaceholdersEndToEndTest {
    private static final OctetSequenceKey SECRET = secret();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RecordingOrigin origin;
    private RecordingOrigin keyServer;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        origin = new RecordingOrigin();
        keyServer = new RecordingOrigin();
        keyServer.documents.put("/jwks", new JWKSet(SECRET).toString(false));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.shutdown(Duration.ofSeconds(1));
        }
        origin.close();
        keyServer.close();
    }

    @Test
    void theClaimsLandInTheBackendPathOfEachKindOfEndpoint() throws Exception {
        startGateway();
        String token = sign(claims("sub", "alice smith", "tenant", "acme", "roles", List.of("a", "b")));

        assertEquals(200, status("/orders/7", token));
        assertEquals("/users/alice%20smith/orders/7?tenant=acme", seen(), "no-op: path and pattern query");

        assertEquals(200, status("/profile", token));
        List<String> merged = new ArrayList<>(List.of(seen(), seen()));
        merged.sort(null);
        assertEquals(List.of("/p/alice%20smith", "/q/a,b"), merged, "json: every backend gets its claims");

        assertEquals(200, status("/chain/9", token));
        assertEquals("/first/alice%20smith", seen());
        assertEquals("/second/9/true/acme", seen(), "sequential: path, then the answer's {resp0_ok}, then the claim");
    }

    @Test
    void aTokenWithoutTheClaimIsRefusedAndTheBackendNotCalled() throws Exception {
        startGateway();
        assertEquals(401, status("/orders/7", sign(claims("sub", "alice"))), "no tenant claim");
        assertEquals(401, status("/orders/7", sign(claims("sub", "", "tenant", "acme"))), "an empty sub");
        assertEquals(200, status("/open", null));
        assertEquals("/open", seen(), "the refused requests never reached the backend");
    }

    @Test
    void aRequestThatWaitedForTheKeySetCarriesItsClaimsToo() throws Exception {
        keyServer.delayMillis.set(500);
        startGateway();
        assertEquals(200, status("/orders/7", sign(claims("sub", "bob", "tenant", "t1"))));
        assertEquals("/users/bob/orders/7?tenant=t1", seen());
    }

    private void startGateway() throws Exception {
        String validator = """
                {"auth/validator": {"alg": "HS256", "jwk_url": "%s/jwks", "disable_jwk_security": true,
                  "cache": true, "operation_debug": true}}""".formatted(keyServer.url());
        String json = """
                {"version": 3, "port": 0, "timeout": "3s", "host": ["%s"], "endpoints": [
                  {"endpoint": "/orders/{id}", "output_encoding": "no-op", "extra_config": %s,
                   "backend": [{"url_pattern": "/users/{JWT.sub}/orders/{id}?tenant={JWT.tenant}"}]},
                  {"endpoint": "/profile", "extra_config": %s,
                   "backend": [{"url_pattern": "/p/{JWT.sub}", "group": "p"},
                               {"url_pattern": "/q/{JWT.roles}", "group": "q"}]},
                  {"endpoint": "/chain/{id}", "extra_config": {"proxy": {"sequential": true},
                     "auth/validator": %s},
                   "backend": [{"url_pattern": "/first/{JWT.sub}"},
                               {"url_pattern": "/second/{id}/{resp0_ok}/{JWT.tenant}"}]},
                  {"endpoint": "/open", "output_encoding": "no-op", "backend": [{"url_pattern": "/open"}]}
                ]}""".formatted(origin.url(), validator, validator,
                validator.substring(validator.indexOf(':') + 1, validator.length() - 1));
        List<Extension<?>> extensions = Extensions.create();
        gateway = Gateway.start(new ConfigLoader(extensions).parse(json, "test.json").config(), extensions);
    }

    private int status(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String seen() throws InterruptedException {
        RecordingOrigin.Seen s = origin.requests.poll(5, TimeUnit.SECONDS);
        assertNotNull(s, "the backend was called");
        return s.uri();
    }

    private static Map<String, Object> claims(Object... pairs) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("exp", System.currentTimeMillis() / 1000 + 3600);
        for (int i = 0; i < pairs.length; i += 2) {
            c.put((String) pairs[i], pairs[i + 1]);
        }
        return c;
    }

    private static String sign(Map<String, Object> claims) throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(SECRET.getKeyID()).build(),
                new Payload(JSONObjectUtils.toJSONString(claims)));
        jws.sign(new MACSigner(SECRET));
        return jws.serialize();
    }

    private static OctetSequenceKey secret() {
        try {
            return new OctetSequenceKeyGenerator(256).keyID("sim2").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
