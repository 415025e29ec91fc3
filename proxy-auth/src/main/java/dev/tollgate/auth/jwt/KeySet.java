package dev.tollgate.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of verification keys, parsed from a JWKS document once. A key that cannot be read (an unknown
 * {@code kty}, a too-short HMAC secret) is skipped and counted rather than failing the whole set, since identity
 * providers publish keys for other purposes next to the signing ones. Cached verifications remember the set they
 * were checked against, so a new set (rotation, removal) makes every token be verified again.
 */
public final class KeySet {
    private final List<VerificationKey> keys;
    private final String source;
    private final int skipped;

    private KeySet(List<VerificationKey> keys, String source, int skipped) {
        this.keys = List.copyOf(keys);
        this.source = source;
        this.skipped = skipped;
    }

    /**
     * @throws InvalidKeySetException with a message that never contains key material
     */
    public static KeySet parse(String json) throws InvalidKeySetException {
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new InvalidKeySetException("not a JSON object");
        }
        if (!(document.get("keys") instanceof List<?> items)) {
            throw new InvalidKeySetException("no \"keys\" array");
        }
        List<VerificationKey> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                if (!(items.get(i) instanceof Map<?, ?> item)) {
                    throw new IllegalArgumentException("not an object");
                }
                @SuppressWarnings("unchecked")
                JWK jwk = JWK.parse((Map<String, Object>) item);
                VerificationKey key = VerificationKey.of(jwk);
                if (key != null) {
                    keys.add(key);
                }
            } catch (ParseException | IllegalArgumentException e) {
                problems.add("keys[" + i + "]: " + firstLine(e.getMessage()));
            }
        }
        if (keys.isEmpty()) {
            throw new InvalidKeySetException("no usable signature key" + (problems.isEmpty() ? ""
                    : " (" + String.join("; ", problems) + ")"));
        }
        return new KeySet(keys, json, problems.size());
    }

    /** The keys named {@code id} that may verify {@code alg}; usually one. */
    List<VerificationKey> find(String id, KeyIdentifyBy by, JwtAlgorithm alg) {
        List<VerificationKey> found = null;
        for (VerificationKey k : keys) {
            if (k.fits(alg) && k.id(by).equals(id)) {
                if (found == null) {
                    found = new ArrayList<>(1);
                }
                found.add(k);
            }
        }
        return found == null ? List.of() : found;
    }

    public int size() {
        return keys.size();
    }

    /** Keys that could not be read and were left out. */
    public int skipped() {
        return skipped;
    }

    /** Whether {@code json} is the document this set came from: a refresh that changed nothing keeps the set. */
    boolean sameSource(String json) {
        return source.equals(json);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The document is no usable key set; the message never contains key material. */
    public static final class InvalidKeySetException extends Exception {
        public InvalidKeySetException(String message) {
            super(message);
        }
    }
}
