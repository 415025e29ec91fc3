package dev.tollgate.auth.client;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.auth.client.ScriptedTokenServer.Recorded;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A token endpoint script that authenticates the client as an identity provider does for RFC 7523 assertions:
 * the assertion type, the signature, iss = sub = client_id, the audience, a lifetime of at most a minute that
 * has not ended, and a {@code jti} never seen before. It answers a token, or 401 {@code invalid_client} saying why
 * (and records why, for the test to assert).
 */
final class AssertionCheckingEndpoint implements Function<Recorded, Reply> {
    /** Checks the signature of one assertion. */
    @FunctionalInterface
    interface Check {
        boolean verify(SignedJWT jwt) throws Exception;
    }

    final List<String> refusals = new CopyOnWriteArrayList<>();
    final List<SignedJWT> accepted = new CopyOnWriteArrayList<>();
    private final Set<String> seenJti = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final String clientId;
    private final String audience;
    private final Check check;
    private final Clock clock;

    AssertionCheckingEndpoint(String clientId, String audience, Check check, Clock clock) {
        this.clientId = clientId;
        this.audience = audience;
        this.check = check;
        this.clock = clock;
    }

    static Check publicKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            JWSVerifier v = new RSASSAVerifier(rsa);
            return jwt -> jwt.verify(v);
        }
        if (key instanceof ECPublicKey ec) {
            return jwt -> jwt.verify(new ECDSAVerifier(ec));
        }
        // EdDSA: with the JDK, as the signer (Nimbus would need Tink).
        return jwt -> {
            Signature s = Signature.getInstance("EdDSA");
            s.initVerify(key);
            s.update(jwt.getSigningInput());
            return s.verify(jwt.getSignature().decode());
        };
    }

    static Check secret(String secret) throws Exception {
        JWSVerifier v = new MACVerifier(secret);
        return jwt -> jwt.verify(v);
    }

    @Override
    public Reply apply(Recorded request) {
        String why = refusal(request);
        if (why != null) {
            refusals.add(why);
            return Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"" + why + "\"}");
        }
        return Reply.token("tok-" + issued.incrementAndGet(), 300);
    }

    private String refusal(Recorded request) {
        Map<String, String> form = FormEncoding.decodeFirst(request.body());
        if (request.headers().contains("Authorization")) {
            return "Authorization header with an assertion";
        }
        if (form.containsKey("client_secret")) {
            return "client_secret with an assertion";
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return "grant_type";
        }
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            return "client_assertion_type";
        }
        if (!clientId.equals(form.get("client_id"))) {
            return "client_id";
        }
        try {
            SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
            if (!check.verify(jwt)) {
                return "signature";
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!clientId.equals(c.getIssuer()) || !clientId.equals(c.getSubject())) {
                return "iss/sub";
            }
            if (!c.getAudience().contains(audience)) {
                return "aud " + c.getAudience();
            }
            long now = clock.instant().getEpochSecond();
            long iat = c.getIssueTime().toInstant().getEpochSecond();
            long exp = c.getExpirationTime().toInstant().getEpochSecond();
            if (exp <= now || iat > now + 5 || exp - iat > 60) {
                return "lifetime iat=" + iat + " exp=" + exp + " now=" + now;
            }
            if (c.getJWTID() == null || !seenJti.add(c.getJWTID())) {
                return "jti reused";
            }
            accepted.add(jwt);
            return null;
        } catch (Exception e) {
            return "unparseable assertion: " + e.getClass().getSimpleName();
        }
    }
}
