package dev.tollgate.bench.jmh;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.tollgate.auth.jwt.JwtValidatorConfig;
import dev.tollgate.auth.jwt.JwtValidatorExtension;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.InputFilter;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonTreeReader;
import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.extension.GuardVerdict;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The auth/validator guard on one request head, through its public extension API with a local key set (no
 * network): {@code first} is a token never seen before (parse, signature check, claims; the cache cycles through
 * more tokens than it holds, so every call misses), {@code cached} is the same token again (the hot path: a cache
 * hit, then the time, issuer, audience and role checks). Read with {@code -prof gc} for B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JwtValidationBenchmark {
    private static final String[] NO_PARAMS = new String[0];
    /** More than the cache holds per thread (1024), so {@link #first} always misses. */
    private static final int DISTINCT_TOKENS = 2048;

    @Param({"RS256", "ES256", "HS256"})
    public String alg;

    private EndpointGuard guard;
    private HttpRequest[] fresh;
    private HttpRequest repeated;
    private int next;

    @Setup
    public void setUp() throws Exception {
        JWK key = switch (alg) {
            case "RS256" -> new RSAKeyGenerator(2048).keyID("k").generate();
            case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID("k").generate();
            default -> new OctetSequenceKeyGenerator(256).keyID("k").generate();
        };
        Path file = Files.createTempFile("jwks", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, new JWKSet(key instanceof OctetSequenceKey ? key : key.toPublicJWK())
                .toString(false));
        ConfigProblems problems = new ConfigProblems();
        JwtValidatorExtension extension = new JwtValidatorExtension();
        JwtValidatorConfig config = extension.parse(JsonTreeReader.read("{\"alg\": \"" + alg
                + "\", \"jwk_local_path\": \"" + file + "\", \"issuer\": \"https://idp\", \"audience\": [\"api\"], "
                + "\"roles\": [\"user\"]}"), JsonPath.ROOT, problems);
        if (config == null) {
            throw new IllegalStateException(String.join("\n", problems.errors()));
        }
        guard = extension.guard(new EndpointConfig("/bench", "GET", Duration.ofSeconds(3), "no-op",
                InputFilter.NONE, InputFilter.NONE, List.of(), 0), config);
        JWSSigner signer = switch (alg) {
            case "RS256" -> new RSASSASigner(key.toRSAKey());
            case "ES256" -> new ECDSASigner(key.toECKey());
            default -> new MACSigner(key.toOctetSequenceKey());
        };
        fresh = new HttpRequest[DISTINCT_TOKENS];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = request(sign(signer, i));
        }
        repeated = request(sign(signer, -1));
        if (check(repeated) != GuardVerdict.PASS || check(fresh[0]) != GuardVerdict.PASS) {
            throw new IllegalStateException("the benchmark tokens do not pass");
        }
    }

    @Benchmark
    public GuardVerdict first() {
        HttpRequest r = fresh[next];
        next = (next + 1) % fresh.length;
        return check(r);
    }

    @Benchmark
    public GuardVerdict cached() {
        return check(repeated);
    }

    private GuardVerdict check(HttpRequest request) {
        return guard.check(request, "127.0.0.1", NO_PARAMS);
    }

    private String sign(JWSSigner signer, int n) throws JOSEException {
        long now = System.currentTimeMillis() / 1000;
        // Keycloak-sized claims: the payload is what every miss parses.
        String claims = "{\"iss\":\"https://idp\",\"aud\":[\"api\",\"account\"],\"sub\":\"user-" + n
                + "\",\"exp\":" + (now + 86_400) + ",\"iat\":" + now + ",\"jti\":\"jti-" + n + "\",\"typ\":\"Bearer\",\"azp\":\"web\",\"scope\":\"openid profile email\","
                + "\"roles\":[\"user\",\"offline_access\"],\"email_verified\":true,\"name\":\"User " + n + "\","
                + "\"preferred_username\":\"user" + n + "\",\"email\":\"user" + n + "@example.com\"}";
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.parse(alg)).keyID("k").build(),
                new Payload(claims));
        jws.sign(signer);
        return jws.serialize();
    }

    private static HttpRequest request(String token) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bench");
        r.headers().set("Authorization", "Bearer " + token);
        return r;
    }
}
