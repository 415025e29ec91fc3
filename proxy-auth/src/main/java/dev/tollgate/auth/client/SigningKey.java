package dev.tollgate.auth.client;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The private key that signs {@code private_key_jwt} assertions, loaded and checked when the config loads.
 * Equal when the file, the key, the algorithm and the key id are: two backends naming the same key share one token.
 * {@link #toString()} shows the file and a fingerprint, never the key.
 *
 * @param file      {@code private_key_file}
 * @param key       the key read from it
 * @param algorithm the JWS algorithm ({@code signing_alg}, or the key's default)
 * @param keyId     {@code key_id}, the JWT header's {@code kid}; null when not configured
 */
public record SigningKey(Path file, PrivateKey key, AssertionAlgorithm algorithm, String keyId) {

    public SigningKey {
        requireNonNull(file, "file");
        requireNonNull(key, "key");
        requireNonNull(algorithm, "algorithm");
    }

    /** SHA-256 of the key's encoding, shortened: tells two keys apart in a log without revealing either. */
    public String fingerprint() {
        return fingerprint(key.getEncoded());
    }

    static String fingerprint(byte[] encoded) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && file.equals(k.file) && algorithm == k.algorithm
                && Objects.equals(keyId, k.keyId) && Arrays.equals(key.getEncoded(), k.key.getEncoded());
    }

    @Override
    public int hashCode() {
        return file.hashCode() * 31 + algorithm.hashCode();
    }

    @Override
    public String toString() {
        return "SigningKey{file=" + file + ", sha256=" + fingerprint() + ", alg=" + algorithm.jwsName()
                + (keyId == null ? "" : ", kid=" + keyId) + '}';
    }
}
