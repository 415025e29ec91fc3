package dev.tollgate.auth.client;

import com.nimbusds.jose.jwk.Curve;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.List;

/**
 * The JWS algorithms a client assertion may be signed with ({@code signing_alg}), and which key each one needs.
 * RSA keys under 2048 bits are refused (RFC 7518 section 3.3), EC keys must be on the algorithm's curve.
 */
public enum AssertionAlgorithm {
    RS256("RSA"), RS384("RSA"), RS512("RSA"),
    PS256("RSA"), PS384("RSA"), PS512("RSA"),
    ES256("EC", Curve.P_256), ES384("EC", Curve.P_384), ES512("EC", Curve.P_521),
    EDDSA("EdDSA"),
    /** {@code client_secret_jwt} only: keyed with the client secret. */
    HS256("HMAC"), HS384("HMAC"), HS512("HMAC");

    static final int MIN_RSA_BITS = 2048;

    private final String keyType;
    private final Curve curve;

    AssertionAlgorithm(String keyType) {
        this(keyType, null);
    }

    AssertionAlgorithm(String keyType, Curve curve) {
        this.keyType = keyType;
        this.curve = curve;
    }

    /** The name in a JWT header and in the config: {@code RS256}, {@code EdDSA}. */
    public String jwsName() {
        return this == EDDSA ? "EdDSA" : name();
    }

    public boolean isHmac() {
        return keyType.equals("HMAC");
    }

    /** The algorithm named {@code name} in the config (exact JWS spelling), or null. */
    public static AssertionAlgorithm fromJwsName(String name) {
        for (AssertionAlgorithm a : values()) {
            if (a.jwsName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** The names {@code signing_alg} accepts for a key ({@code hmac} false) or a secret. */
    public static List<String> names(boolean hmac) {
        return Arrays.stream(values()).filter(a -> a.isHmac() == hmac).map(AssertionAlgorithm::jwsName)
                .toList();
    }

    /** RS256 for RSA, ES256/ES384/ES512 for P-256/P-384/P-521, EdDSA for Ed25519 and Ed448; null if none fits. */
    public static AssertionAlgorithm defaultFor(PrivateKey key) {
        if (key instanceof RSAPrivateKey) {
            return RS256;
        }
        if (key instanceof EdECPrivateKey) {
            return EDDSA;
        }
        if (key instanceof ECPrivateKey ec) {
            Curve c = Curve.forECParameterSpec(ec.getParams());
            for (AssertionAlgorithm a : List.of(ES256, ES384, ES512)) {
                if (a.curve.equals(c)) {
                    return a;
                }
            }
        }
        return null;
    }

    /** Why {@code key} cannot sign with this algorithm, or null when it can. */
    public String misfit(PrivateKey key) {
        String have = describe(key);
        switch (keyType) {
            case "RSA":
                if (!(key instanceof RSAPrivateKey rsa)) {
                    return jwsName() + " needs an RSA key, the file holds " + have;
                }
                if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    return "the RSA key has " + rsa.getModulus().bitLength() + " bits (expected: at least "
                            + MIN_RSA_BITS + ")";
                }
                return null;
            case "EC":
                if (!(key instanceof ECPrivateKey ec) || !curve.equals(Curve.forECParameterSpec(ec.getParams()))) {
                    return jwsName() + " needs an EC key on " + curve.getName() + ", the file holds " + have;
                }
                return null;
            case "EdDSA":
                return key instanceof EdECPrivateKey ? null : "EdDSA needs an Ed25519 or Ed448 key, the file holds "
                        + have;
            default:
                return jwsName() + " is keyed with client_secret (auth_style \"client_secret_jwt\"), not a key file";
        }
    }

    static String describe(PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa) {
            return "an RSA key of " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof ECPrivateKey ec) {
            Curve c = Curve.forECParameterSpec(ec.getParams());
            return "an EC key on " + (c == null ? "an unsupported curve" : c.getName());
        }
        if (key instanceof EdECPrivateKey ed) {
            return "an " + ed.getParams().getName() + " key";
        }
        return "a " + key.getAlgorithm() + " key";
    }
}
