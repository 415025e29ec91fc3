package dev.tollgate.auth.jwt;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * EdDSA (Ed25519) with the JDK's own provider (Java 15+): Nimbus would need Google Tink for it, a large optional
 * dependency for one algorithm.
 */
final class Ed25519Check implements SignatureCheck {
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), followed by the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final PublicKey key;

    private Ed25519Check(PublicKey key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException when the key is not a usable Ed25519 public key */
    static Ed25519Check of(OctetKeyPair okp) {
        if (!Curve.Ed25519.equals(okp.getCurve())) {
            throw new IllegalArgumentException("curve " + okp.getCurve() + " (only Ed25519 is supported)");
        }
        byte[] x = okp.getX().decode();
        if (x.length != 32) {
            throw new IllegalArgumentException("an Ed25519 key has 32 bytes, this one " + x.length);
        }
        byte[] spki = new byte[SPKI_PREFIX.length + 32];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, SPKI_PREFIX.length, 32);
        try {
            return new Ed25519Check(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
        try {
            // A Signature is not thread-safe and cheap to create next to the curve arithmetic.
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(signingInput);
            return s.verify(signature.decode());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
