package dev.tollgate.auth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM private keys (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY})
 * and certificates with the JDK alone: Nimbus's PEM parsing would pull in BouncyCastle. Failures are
 * {@link PemException}s whose messages name the file and what is wrong, never a byte of the key.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** rsaEncryption, 1.2.840.113549.1.1.1, with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = Der.encode(Der.SEQUENCE,
            Der.encode(Der.OID, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01}),
            Der.encode(Der.NULL));
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final byte[] EC_PUBLIC_KEY = Der.encode(Der.OID,
            new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01});
    private static final byte[] VERSION_0 = Der.encode(Der.INTEGER, new byte[] {0});

    private PemFiles() {
    }

    /** A key or certificate file that cannot be used; the message is fit for {@code check} and logs. */
    public static final class PemException extends Exception {
        private static final long serialVersionUID = 1L;

        PemException(String message) {
            super(message, null, false, false);
        }
    }

    /** The one private key in {@code file}. */
    public static PrivateKey privateKey(Path file) throws PemException {
        String text = read(file);
        if (text.contains("Proc-Type: 4,ENCRYPTED")) {
            throw encrypted(file);
        }
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = decode(m.group(2), file);
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der, file);
                case "RSA PRIVATE KEY":
                    return pkcs8(Der.encode(Der.SEQUENCE, VERSION_0, RSA_ALGORITHM,
                            Der.encode(Der.OCTET_STRING, der)), file);
                case "EC PRIVATE KEY":
                    return sec1(der, file);
                case "ENCRYPTED PRIVATE KEY":
                    throw encrypted(file);
                default:
                    // EC PARAMETERS before the key (openssl ecparam -genkey), a certificate in the same file: skip.
            }
        }
        throw new PemException(file + ": no PEM private key found (expected a \"BEGIN PRIVATE KEY\", "
                + "\"BEGIN RSA PRIVATE KEY\" or \"BEGIN EC PRIVATE KEY\" block)");
    }

    /** The certificates in {@code file}, in order (a leaf first, then its chain). */
    public static List<X509Certificate> certificates(Path file) throws PemException {
        String text = read(file);
        Matcher m = BLOCK.matcher(text);
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    out.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(decode(m.group(2), file))));
                }
            }
        } catch (CertificateException e) {
            throw new PemException(file + ": not a valid X.509 certificate");
        }
        if (out.isEmpty()) {
            throw new PemException(file + ": no PEM certificate found (expected a \"BEGIN CERTIFICATE\" block)");
        }
        return List.copyOf(out);
    }

    private static PemException encrypted(Path file) {
        return new PemException(file + ": the private key is encrypted; give an unencrypted PKCS#8, PKCS#1 or SEC1 "
                + "key (openssl pkcs8 -topk8 -nocrypt)");
    }

    private static String read(Path file) throws PemException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new PemException(file + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new PemException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] decode(String base64, Path file) throws PemException {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new PemException(file + ": the PEM block is not valid base64");
        }
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws PemException {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm: try the next
            }
        }
        throw new PemException(file + ": not an RSA, EC or EdDSA private key the JDK can read");
    }

    /** SEC1 (RFC 5915) names its curve inside; PKCS#8 wants it in the algorithm identifier. */
    private static PrivateKey sec1(byte[] der, Path file) throws PemException {
        byte[] curve = null;
        try {
            for (Der.Element e : Der.sequence(der)) {
                if (e.tag() == Der.CONTEXT_0) {
                    curve = e.content();
                }
            }
        } catch (IllegalArgumentException e) {
            throw new PemException(file + ": the EC private key is not valid DER");
        }
        if (curve == null) {
            throw new PemException(file + ": the EC private key does not name its curve");
        }
        return pkcs8(Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, EC_PUBLIC_KEY, curve),
                Der.encode(Der.OCTET_STRING, der)), file);
    }
}
