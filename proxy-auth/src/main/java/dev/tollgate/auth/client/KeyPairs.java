package dev.tollgate.auth.client;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;

/** Load-time checks on key material, so a mistake shows at {@code check} rather than at the first token request. */
public final class KeyPairs {
    private KeyPairs() {
    }

    /**
     * Whether {@code privateKey} is the other half of {@code publicKey}: a throwaway message signed with one must
     * verify with the other, which works the same for RSA, EC and EdDSA.
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = privateKey instanceof RSAPrivateKey ? "SHA256withRSA"
                : privateKey instanceof ECPrivateKey ? "SHA256withECDSA"
                : privateKey instanceof EdECPrivateKey ? "EdDSA" : null;
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Why {@code secret} is too short to key {@code algorithm} (RFC 7518 section 3.2: at least the hash size), or
     * null when it is long enough. The message gives lengths only.
     */
    public static String hmacKeyTooShort(AssertionAlgorithm algorithm, byte[] secret) {
        int minBytes = switch (algorithm) {
            case HS384 -> 48;
            case HS512 -> 64;
            default -> 32;
        };
        return secret.length >= minBytes ? null : algorithm.jwsName() + " needs a client secret of at least "
                + minBytes + " bytes, this one has " + secret.length;
    }
}
