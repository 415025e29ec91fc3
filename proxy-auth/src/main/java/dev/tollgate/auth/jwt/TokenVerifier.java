package dev.tollgate.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.Base64URL;
import dev.tollgate.auth.jwt.Verification.Refusal;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a compact JWS: it parses, its header {@code alg} is the configured one, a key of the set named as the
 * token names it verifies the signature, and the time, issuer and audience claims have the types go-jose requires.
 * Whether those claims are acceptable now is the guard's check on every request, cached or not.
 */
final class TokenVerifier {
    private static final Refusal MALFORMED = new Refusal("malformed token", false);
    private static final Refusal BAD_SIGNATURE = new Refusal("bad signature", false);
    private static final Refusal NOT_JSON = new Refusal("the payload is not a JSON object", false);
    private static final Refusal CRITICAL = new Refusal("the token has critical header parameters", false);

    private final JwtAlgorithm alg;
    private final KeyIdentifyBy keyIdentifyBy;

    TokenVerifier(JwtAlgorithm alg, KeyIdentifyBy keyIdentifyBy) {
        this.alg = alg;
        this.keyIdentifyBy = keyIdentifyBy;
    }

    Verification verify(String token, KeySet keys) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(token);
        } catch (ParseException e) {
            return MALFORMED; // Nimbus's message may quote the token's parts: never logged
        }
        JWSHeader header = jws.getHeader();
        if (!alg.jws().equals(header.getAlgorithm())) {
            return new Refusal("the token's alg " + header.getAlgorithm() + " is not the configured " + alg, false);
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return CRITICAL;
        }
        String keyId = keyId(header);
        List<VerificationKey> candidates = keys.find(keyId, keyIdentifyBy, alg);
        if (candidates.isEmpty()) {
            return new Refusal("no " + alg.keyType() + " key with " + keyIdentifyBy.configName() + " \""
                    + printable(keyId) + "\" in the key set", true);
        }
        byte[] signingInput = jws.getSigningInput();
        Base64URL signature = jws.getSignature();
        if (!anyVerifies(candidates, header, signingInput, signature)) {
            return BAD_SIGNATURE;
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            return NOT_JSON;
        }
        return readClaims(claims, keys);
    }

    private VerifiedToken readClaimsOrNull(Map<String, Object> claims, KeySet keys, List<String> problems) {
        long exp = time(claims, "exp", Long.MAX_VALUE, problems);
        long nbf = time(claims, "nbf", Long.MIN_VALUE, problems);
        long iat = time(claims, "iat", Long.MIN_VALUE, problems);
        Object iss = claims.get("iss");
        if (iss != null && !(iss instanceof String)) {
            problems.add("iss is not a string");
        }
        List<String> audience = audience(claims.get("aud"), problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new VerifiedToken(claims, alg, (String) iss, audience, exp, nbf, iat, keys);
    }

    private Verification readClaims(Map<String, Object> claims, KeySet keys) {
        List<String> problems = new ArrayList<>(0);
        VerifiedToken token = readClaimsOrNull(claims, keys, problems);
        return token != null ? token : new Refusal(String.join(", ", problems), false);
    }

    /** krakend-jose's TokenIDGetter: x5t strategies fall back to the kid. */
    private String keyId(JWSHeader header) {
        String kid = header.getKeyID() == null ? "" : header.getKeyID();
        @SuppressWarnings("deprecation")
        Base64URL x5t = header.getX509CertThumbprint();
        Base64URL x5tS256 = header.getX509CertSHA256Thumbprint();
        return switch (keyIdentifyBy) {
            case KID -> kid;
            case X5T -> x5t == null ? kid : x5t.toString();
            case X5T_S256 -> x5tS256 == null ? kid : x5tS256.toString();
            case KID_X5T -> kid + (x5t == null ? kid : x5t.toString());
        };
    }

    private static boolean anyVerifies(List<VerificationKey> candidates, JWSHeader header, byte[] input,
                                       Base64URL signature) {
        for (VerificationKey key : candidates) {
            try {
                if (key.check().verify(header, input, signature)) {
                    return true;
                }
            } catch (JOSEException | RuntimeException e) {
                // a key that cannot check this token (wrong curve) is just not the one
            }
        }
        return false;
    }

    /** A NumericDate (seconds, maybe fractional) in epoch milliseconds; go-jose refuses any other type. */
    private static long time(Map<String, Object> claims, String name, long absent, List<String> problems) {
        Object v = claims.get(name);
        if (v == null) {
            return absent;
        }
        if (v instanceof Number n) {
            double seconds = n.doubleValue();
            if (Double.isFinite(seconds) && Math.abs(seconds) < 9.2e15) {
                return (long) (seconds * 1000);
            }
        }
        problems.add(name + " is not a number of seconds");
        return absent;
    }

    /** go-jose's Audience: a string or an array of strings. */
    private static List<String> audience(Object aud, List<String> problems) {
        if (aud == null) {
            return List.of();
        }
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (aud instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    problems.add("aud is not a string or an array of strings");
                    return List.of();
                }
                out.add(s);
            }
            return List.copyOf(out);
        }
        problems.add("aud is not a string or an array of strings");
        return List.of();
    }

    /** A key id as logs show it: token text an attacker chose, so bounded and without control characters. */
    private static String printable(String id) {
        String cut = id.length() > 64 ? id.substring(0, 64) + "..." : id;
        StringBuilder sb = new StringBuilder(cut.length());
        for (char c : cut.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f || c == '"' ? '?' : c);
        }
        return sb.toString();
    }
}
