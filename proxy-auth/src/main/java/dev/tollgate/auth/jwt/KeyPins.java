package dev.tollgate.auth.jwt;

import dev.tollgate.auth.client.TokenHttpClient;
import dev.tollgate.auth.jwt.JwtValidatorConfig.Fingerprint;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.List;

/**
 * {@code jwk_fingerprints}, as krakend-jose's pinning dialer checks them: the connection is accepted when the
 * SHA-256 of the public key (SubjectPublicKeyInfo) of any certificate the server presented is one of the pins.
 * It runs after the normal certificate checks, never instead of them.
 */
final class KeyPins implements TokenHttpClient.PeerCheck {
    private final List<Fingerprint> pins;

    KeyPins(List<Fingerprint> pins) {
        this.pins = List.copyOf(pins);
    }

    @Override
    public String refuse(Certificate[] peerCertificates) {
        for (Certificate cert : peerCertificates) {
            byte[] hash = sha256(cert.getPublicKey().getEncoded());
            for (Fingerprint pin : pins) {
                if (MessageDigest.isEqual(hash, pin.sha256())) {
                    return null;
                }
            }
        }
        return "JWK client did not find a pinned key (jwk_fingerprints)";
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
