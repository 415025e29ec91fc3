package dev.tollgate.auth.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetchException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * RFC 7523 client assertions, as OIDC Core section 9 describes them for {@code private_key_jwt} and
 * {@code client_secret_jwt}: {@code iss} = {@code sub} = the client id, {@code aud} the token endpoint, a fresh
 * {@code jti} (identity providers refuse a replayed one), {@code iat} now and {@code exp} {@value #LIFETIME_SECONDS}
 * seconds later. One is made per token request and never reused.
 */
final class ClientAssertions {
    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Long enough for clock skew and a slow network, short enough that a leaked assertion is soon worthless. */
    static final long LIFETIME_SECONDS = 60;

    private ClientAssertions() {
    }

    /** The signer for a key checked at load ({@link AssertionAlgorithm#misfit} said it fits). */
    static JWSSigner signer(SigningKey key) {
        try {
            return switch (key.algorithm()) {
                case RS256, RS384, RS512, PS256, PS384, PS512 -> new RSASSASigner(key.key());
                case ES256, ES384, ES512 -> new ECDSASigner((ECPrivateKey) key.key());
                case EDDSA -> new EdDsaSigner(key.key());
                case HS256, HS384, HS512 -> throw new IllegalArgumentException("HMAC needs the client secret");
            };
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign " + key.algorithm().jwsName() + " with " + key, e);
        }
    }

    /** The HMAC signer of {@code client_secret_jwt}, for a secret read now (it may come from a file). */
    static JWSSigner hmacSigner(AssertionAlgorithm algorithm, String secret) throws TokenFetchException {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String tooShort = KeyPairs.hmacKeyTooShort(algorithm, bytes);
        if (tooShort != null) {
            throw new TokenFetchException(Reason.CREDENTIALS, "client_secret_jwt: " + tooShort);
        }
        try {
            return new MACSigner(bytes);
        } catch (JOSEException e) {
            throw new TokenFetchException(Reason.CREDENTIALS, "client_secret_jwt: the secret cannot key "
                    + algorithm.jwsName());
        }
    }

    /**
     * A signed assertion.
     *
     * @param keyId the header's {@code kid}, or null
     */
    static String sign(JWSSigner signer, AssertionAlgorithm algorithm, String keyId, String clientId,
                       String audience, Instant now) throws TokenFetchException {
        Instant iat = Instant.ofEpochSecond(now.getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(iat.plus(Duration.ofSeconds(LIFETIME_SECONDS))))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.jwsName()))
                .type(JOSEObjectType.JWT)
                .keyID(keyId)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            // Nimbus messages name the algorithm and the problem, not the key.
            throw new TokenFetchException(Reason.CREDENTIALS, "cannot sign the client assertion ("
                    + algorithm.jwsName() + "): " + e.getMessage());
        }
        return jwt.serialize();
    }
}
