package dev.tollgate.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 token the JWT-protected bench endpoint is called with, and the one-key JWK set the proxy verifies it
 * with. The key is a fixed, publicly known bench value (like {@link BenchConfig#CLIENT_SECRET}), protecting
 * nothing: the endpoint exists to measure validation, and every request sends the same token, so after the first
 * one the proxy's cached-validation path is what is measured.
 */
final class BenchToken {
    static final String KEY_ID = "bench-hs256";
    /** 32 bytes, the least HS256 takes; publicly known, not a secret of anything real. */
    static final String DUMMY_KEY = "dummy-bench-hs256-key-0123456789";
    static final String ISSUER = "https://idp.bench.invalid";
    static final String AUDIENCE = "tollgate-bench";
    static final String SUBJECT = "bench-user";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private BenchToken() {
    }

    /** The JWK set holding the key, as {@code jwk_local_path} reads it. */
    static String jwks() {
        return "{\"keys\": [{\"kty\": \"oct\", \"kid\": \"" + KEY_ID + "\", \"alg\": \"HS256\", \"k\": \""
                + B64.encodeToString(DUMMY_KEY.getBytes(StandardCharsets.US_ASCII)) + "\"}]}";
    }

    /** A token valid from now for {@code lifetimeSeconds}, long enough for any run. */
    static String sign(long nowSeconds, long lifetimeSeconds) {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + SUBJECT
                + "\",\"iat\":" + nowSeconds + ",\"exp\":" + (nowSeconds + lifetimeSeconds) + "}";
        String input = part(header) + "." + part(payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DUMMY_KEY.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String part(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
