package dev.tollgate.auth.cache;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a token for Redis with AES-256-GCM, so whoever reads Redis cannot read (or forge) a token. A sealed value
 * is {@code format(1) | keyId(8) | nonce(12) | ciphertext+tag(16)}; the format, the key id and the Redis key it is
 * stored under are authenticated (GCM's associated data), so a value moved to another key, a value sealed with
 * another key and a garbled value all fail to open rather than yield a wrong {@code Authorization}.
 *
 * <p>The nonce is random (96 bits) for each seal: a few seals per token lifetime are far from GCM's 2^32 limit.
 */
final class TokenSealer {
    static final byte FORMAT = 1;
    static final int KEY_ID_BYTES = 8;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + KEY_ID_BYTES + NONCE_BYTES;
    private static final byte[] HKDF_SALT = "tollgate/token-cache v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HKDF_INFO = "token sealing key".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why a stored value did not open: sealed with another key (some instance has another key) or broken. */
    static final class Unreadable extends Exception {
        private final boolean otherKey;

        Unreadable(String message, boolean otherKey) {
            super(message, null, false, false);
            this.otherKey = otherKey;
        }

        boolean otherKey() {
            return otherKey;
        }
    }

    private final SecretKeySpec key;
    private final byte[] keyId;

    private TokenSealer(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = Arrays.copyOf(hmac(key, "key id".getBytes(StandardCharsets.US_ASCII)), KEY_ID_BYTES);
    }

    /** The 32 bytes of {@code encryption_key_file}. */
    static TokenSealer withKey(byte[] key) {
        requireNonNull(key, "key");
        if (key.length != TokenCacheConfig.KEY_BYTES) {
            throw new IllegalArgumentException("key: " + key.length + " bytes (expected: 32)");
        }
        return new TokenSealer(key.clone());
    }

    /** A key derived with HKDF-SHA256 (RFC 5869) from a client secret: every instance with that secret derives it. */
    static TokenSealer derivedFrom(byte[] secret) {
        requireNonNull(secret, "secret");
        byte[] prk = hmac(HKDF_SALT, secret); // extract
        byte[] info = Arrays.copyOf(HKDF_INFO, HKDF_INFO.length + 1);
        info[HKDF_INFO.length] = 1;
        return new TokenSealer(hmac(prk, info)); // expand: one SHA-256 block is the 32 bytes needed
    }

    /** The key's public id (a MAC of a constant under it), for telling "another key" from "garbled". */
    String keyIdHex() {
        return java.util.HexFormat.of().formatHex(keyId);
    }

    byte[] seal(StoredToken token, byte[] redisKey) {
        byte[] type = token.type().getBytes(StandardCharsets.UTF_8);
        byte[] value = token.value().getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(8 + 8 + 2 + type.length + value.length);
        plain.putLong(token.issuedAtMillis()).putLong(token.expiresAtMillis()).putShort((short) type.length)
                .put(type).put(value);
        byte[] out = new byte[HEADER_BYTES + plain.capacity() + TAG_BITS / 8];
        out[0] = FORMAT;
        System.arraycopy(keyId, 0, out, 1, KEY_ID_BYTES);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 1 + KEY_ID_BYTES, NONCE_BYTES);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(out, 0, 1 + KEY_ID_BYTES);
            gcm.updateAAD(redisKey);
            gcm.doFinal(plain.array(), 0, plain.capacity(), out, HEADER_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName());
        }
        return out;
    }

    StoredToken open(byte[] sealed, byte[] redisKey) throws Unreadable {
        if (sealed.length < HEADER_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new Unreadable("not a sealed token of format " + FORMAT, false);
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(sealed, 1, 1 + KEY_ID_BYTES), keyId)) {
            throw new Unreadable("sealed with another key (key id " + java.util.HexFormat.of().formatHex(sealed, 1,
                    1 + KEY_ID_BYTES) + ", ours " + keyIdHex() + ")", true);
        }
        byte[] plain;
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1 + KEY_ID_BYTES,
                    NONCE_BYTES));
            gcm.updateAAD(sealed, 0, 1 + KEY_ID_BYTES);
            gcm.updateAAD(redisKey);
            plain = gcm.doFinal(sealed, HEADER_BYTES, sealed.length - HEADER_BYTES);
        } catch (GeneralSecurityException e) {
            throw new Unreadable("does not authenticate (garbled, or stored under another key)", false);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(plain);
            long issuedAt = in.getLong();
            long expiresAt = in.getLong();
            int typeLength = in.getShort() & 0xffff;
            String type = new String(plain, in.position(), typeLength, StandardCharsets.UTF_8);
            String value = new String(plain, in.position() + typeLength, plain.length - in.position() - typeLength,
                    StandardCharsets.UTF_8);
            if (value.isEmpty()) {
                throw new Unreadable("holds an empty token", false);
            }
            return new StoredToken(value, type, issuedAt, expiresAt);
        } catch (RuntimeException e) {
            throw new Unreadable("is malformed inside", false);
        }
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "TokenSealer{keyId=" + keyIdHex() + '}';
    }
}
