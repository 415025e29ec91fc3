package dev.tollgate.auth.jwt;

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
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keys generated at test time and tokens signed with them; nothing here is a fixture from elsewhere. */
final class TestKeys {
    private TestKeys() {
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(Curve curve, String kid) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static OctetSequenceKey hmac(int bits, String kid) {
        try {
            return new OctetSequenceKeyGenerator(bits).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ed25519 with the JDK's provider (Nimbus's generator needs Tink), as a private OKP JWK. */
    static OctetKeyPair ed25519(String kid) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x = tail(pair.getPublic().getEncoded(), 32);
            byte[] d = tail(pair.getPrivate().getEncoded(), 32);
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d)).keyID(kid)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWKS document with the public parts of {@code keys} (an oct key is its own public part). */
    static String jwks(JWK... keys) {
        return new JWKSet(Arrays.stream(keys).map(k -> k instanceof OctetSequenceKey ? k : k.toPublicJWK())
                .toList()).toString(false);
    }

    static Map<String, Object> claims(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static String sign(JWK key, JWSAlgorithm alg, Map<String, Object> claims) {
        return sign(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
    }

    static String sign(JWK key, JWSHeader header, Map<String, Object> claims) {
        Payload payload = new Payload(JSONObjectUtils.toJSONString(claims));
        if (key instanceof OctetKeyPair okp) {
            return signEd25519(okp, header, payload);
        }
        try {
            JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r)
                    : key instanceof ECKey e ? new ECDSASigner(e)
                    : new MACSigner((OctetSequenceKey) key);
            JWSObject jws = new JWSObject(header, payload);
            jws.sign(signer);
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signEd25519(OctetKeyPair okp, JWSHeader header, Payload payload) {
        try {
            String input = header.toBase64URL() + "." + payload.toBase64URL();
            byte[] pkcs8 = concat(new byte[] {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                    0x04, 0x22, 0x04, 0x20}, okp.getD().decode());
            var priv = java.security.KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(priv);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64URL.encode(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    static List<Object> list(Object... items) {
        return List.of(items);
    }

    private static byte[] tail(byte[] der, int n) {
        return Arrays.copyOfRange(der, der.length - n, der.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
