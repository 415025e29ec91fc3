package dev.tollgate.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * One key of a key set, ready to verify: its names under each {@code key_identify_strategy} and its signature check,
 * both computed once when the set loads.
 */
final class VerificationKey {
    private final JwtAlgorithm.KeyType type;
    private final String alg;
    private final String kid;
    private final String x5t;
    private final String x5tS256;
    private final SignatureCheck check;

    private VerificationKey(JwtAlgorithm.KeyType type, String alg, String kid, String x5t, String x5tS256,
                            SignatureCheck check) {
        this.type = type;
        this.alg = alg;
        this.kid = kid;
        this.x5t = x5t;
        this.x5tS256 = x5tS256;
        this.check = check;
    }

    /**
     * The key as a verifier, or null when it is for encryption only ({@code "use": "enc"}).
     *
     * @throws IllegalArgumentException with a message that never shows key material
     */
    static VerificationKey of(JWK jwk) {
        if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
            return null;
        }
        String alg = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
        String kid = jwk.getKeyID() == null ? "" : jwk.getKeyID();
        String x5t = thumbprint(jwk.getX509CertThumbprint(), jwk.getX509CertChain(), "SHA-1");
        String x5tS256 = thumbprint(jwk.getX509CertSHA256Thumbprint(), jwk.getX509CertChain(), "SHA-256");
        try {
            if (jwk instanceof RSAKey rsa) {
                return new VerificationKey(JwtAlgorithm.KeyType.RSA, alg, kid, x5t, x5tS256,
                        new RSASSAVerifier(rsa)::verify);
            }
            if (jwk instanceof ECKey ec) {
                return new VerificationKey(JwtAlgorithm.KeyType.EC, alg, kid, x5t, x5tS256,
                        new ECDSAVerifier(ec)::verify);
            }
            if (jwk instanceof OctetSequenceKey oct) {
                return new VerificationKey(JwtAlgorithm.KeyType.OCT, alg, kid, x5t, x5tS256,
                        new MACVerifier(oct)::verify);
            }
            if (jwk instanceof OctetKeyPair okp) {
                return new VerificationKey(JwtAlgorithm.KeyType.OKP, alg, kid, x5t, x5tS256, Ed25519Check.of(okp));
            }
        } catch (JOSEException e) {
            // e.g. an HMAC secret shorter than 256 bits; Nimbus's message names sizes, never the key
            throw new IllegalArgumentException(e.getMessage());
        }
        throw new IllegalArgumentException("unsupported key type " + jwk.getKeyType());
    }

    /** Whether this key may verify a token of {@code algorithm}: right key type, and its own {@code alg} agrees. */
    boolean fits(JwtAlgorithm algorithm) {
        return type == algorithm.keyType() && (alg == null || alg.equals(algorithm.name()));
    }

    /** The key's name under {@code by}, as krakend-jose's KeyIDGetter computes it. */
    String id(KeyIdentifyBy by) {
        return switch (by) {
            case KID -> kid;
            case X5T -> x5t;
            case X5T_S256 -> x5tS256;
            case KID_X5T -> kid + x5t;
        };
    }

    SignatureCheck check() {
        return check;
    }

    /** The stated thumbprint, else one computed from the first certificate, else "". */
    private static String thumbprint(Base64URL stated, List<Base64> chain, String digest) {
        if (stated != null) {
            return stated.toString();
        }
        if (chain == null || chain.isEmpty()) {
            return "";
        }
        try {
            return Base64URL.encode(MessageDigest.getInstance(digest).digest(chain.get(0).decode())).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
