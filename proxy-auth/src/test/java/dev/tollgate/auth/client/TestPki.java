package dev.tollgate.auth.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/**
 * Keys made at test time and written as the PEM files OpenSSL writes: PKCS#8, PKCS#1 (RSA) and SEC1 (EC), the
 * last two derived from the JDK's PKCS#8 encoding so no other library is needed.
 */
public final class TestPki {
    private TestPki() {
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", bits, null);
    }

    /** @param curve {@code secp256r1}, {@code secp384r1}, {@code secp521r1} */
    public static KeyPair ec(String curve) {
        return generate("EC", 0, curve);
    }

    public static KeyPair ed25519() {
        return generate("Ed25519", 0, null);
    }

    private static KeyPair generate(String algorithm, int bits, String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                g.initialize(bits);
            } else if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve));
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static Path pkcs8(Path dir, String name, PrivateKey key) throws IOException {
        return write(dir.resolve(name), pem("PRIVATE KEY", key.getEncoded()));
    }

    /** {@code openssl genrsa} style: the RSAPrivateKey inside the PKCS#8 octet string. */
    public static Path pkcs1(Path dir, String name, PrivateKey rsa) throws IOException {
        byte[] inner = Der.sequence(rsa.getEncoded()).get(2).content();
        return write(dir.resolve(name), pem("RSA PRIVATE KEY", inner));
    }

    /** {@code openssl ecparam -genkey} style: EC PARAMETERS, then an ECPrivateKey naming its curve in [0]. */
    public static Path sec1(Path dir, String name, PrivateKey ec) throws IOException {
        List<Der.Element> pkcs8 = Der.sequence(ec.getEncoded());
        Der.Element curveOid = Der.sequence(Der.encode(pkcs8.get(1))).get(1);
        List<Der.Element> inner = Der.sequence(pkcs8.get(2).content());
        byte[] sec1 = Der.encode(Der.SEQUENCE, Der.encode(inner.get(0)), Der.encode(inner.get(1)),
                Der.encode(Der.CONTEXT_0, Der.encode(curveOid)));
        return write(dir.resolve(name), pem("EC PARAMETERS", Der.encode(curveOid)) + pem("EC PRIVATE KEY", sec1));
    }

    public static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }
}
