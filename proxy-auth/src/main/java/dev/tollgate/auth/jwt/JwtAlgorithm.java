package dev.tollgate.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The signature algorithms {@code auth/validator} accepts (krakend-jose's {@code supportedAlgorithms}). A token is
 * verified only when its header {@code alg} is the configured one, and only with a key of the matching type, so an
 * RSA public key can never be used as an HMAC secret (the classic algorithm-confusion attack).
 */
public enum JwtAlgorithm {
    RS256(JWSAlgorithm.RS256, KeyType.RSA),
    RS384(JWSAlgorithm.RS384, KeyType.RSA),
    RS512(JWSAlgorithm.RS512, KeyType.RSA),
    PS256(JWSAlgorithm.PS256, KeyType.RSA),
    PS384(JWSAlgorithm.PS384, KeyType.RSA),
    PS512(JWSAlgorithm.PS512, KeyType.RSA),
    ES256(JWSAlgorithm.ES256, KeyType.EC),
    ES384(JWSAlgorithm.ES384, KeyType.EC),
    ES512(JWSAlgorithm.ES512, KeyType.EC),
    EdDSA(JWSAlgorithm.EdDSA, KeyType.OKP),
    HS256(JWSAlgorithm.HS256, KeyType.OCT),
    HS384(JWSAlgorithm.HS384, KeyType.OCT),
    HS512(JWSAlgorithm.HS512, KeyType.OCT);

    /** The JWK {@code kty} a key must have to verify this algorithm. */
    public enum KeyType { RSA, EC, OKP, OCT }

    private final JWSAlgorithm jws;
    private final KeyType keyType;

    JwtAlgorithm(JWSAlgorithm jws, KeyType keyType) {
        this.jws = jws;
        this.keyType = keyType;
    }

    public JWSAlgorithm jws() {
        return jws;
    }

    public KeyType keyType() {
        return keyType;
    }

    /** The algorithm named {@code name} exactly as KrakenD spells it, or null. */
    public static JwtAlgorithm named(String name) {
        for (JwtAlgorithm a : values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** "EdDSA, HS256, ...", for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
