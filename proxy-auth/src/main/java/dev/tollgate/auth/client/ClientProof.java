package dev.tollgate.auth.client;

import com.nimbusds.jose.JWSSigner;
import dev.tollgate.auth.client.ClientAuthentication.AssertionFile;
import dev.tollgate.auth.client.ClientAuthentication.PrivateKeyJwt;
import dev.tollgate.auth.client.ClientAuthentication.SecretJwt;
import dev.tollgate.auth.client.ClientAuthentication.SharedSecret;
import dev.tollgate.auth.client.ClientAuthentication.TlsClientAuth;
import dev.tollgate.auth.token.TokenFetchException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one token request carries to authenticate the client: an {@code Authorization} value or none, form fields,
 * and the redactor that hides exactly those secrets from error messages. Made fresh for every request, since a
 * secret file may have changed and an assertion is single use.
 *
 * @param authorization the Basic value, or null
 * @param fields        client_id / client_secret / client_assertion fields for the form
 */
record ClientProof(String authorization, Map<String, List<String>> fields, SecretRedactor redactor) {

    /** The proof {@code authentication} gives, for {@code attempt} (HEADER or PARAMS when the style is auto). */
    static ClientProof of(ClientAuthentication authentication, AuthStyle attempt, String clientId, String audience,
                          JWSSigner keySigner, Instant now) throws TokenFetchException {
        if (authentication instanceof SharedSecret s) {
            String secret = s.secret().read("client_secret_file");
            String basic = "Basic " + Base64.getEncoder().encodeToString((FormEncoding.queryEscape(clientId) + ':'
                    + FormEncoding.queryEscape(secret)).getBytes(StandardCharsets.UTF_8));
            SecretRedactor redactor = new SecretRedactor(secret, basic.substring(6));
            if (attempt == AuthStyle.HEADER) {
                return new ClientProof(basic, Map.of(), redactor);
            }
            return new ClientProof(null, fields(clientId, "client_secret", secret), redactor);
        }
        if (authentication instanceof SecretJwt s) {
            String secret = s.secret().read("client_secret_file");
            String assertion = ClientAssertions.sign(ClientAssertions.hmacSigner(s.algorithm(), secret),
                    s.algorithm(), s.keyId(), clientId, s.audience() == null ? audience : s.audience(), now);
            return assertion(clientId, assertion, secret);
        }
        if (authentication instanceof PrivateKeyJwt p) {
            String assertion = ClientAssertions.sign(keySigner, p.key().algorithm(), p.key().keyId(), clientId,
                    p.audience() == null ? audience : p.audience(), now);
            return assertion(clientId, assertion, null);
        }
        if (authentication instanceof AssertionFile a) {
            return assertion(clientId, a.file().read("client_assertion_file"), null);
        }
        if (authentication instanceof TlsClientAuth) {
            // RFC 8705 section 2: the client is named in the form, the certificate proves it.
            return new ClientProof(null, Map.of("client_id", List.of(clientId)), new SecretRedactor());
        }
        throw new IllegalArgumentException("unknown authentication " + authentication.style());
    }

    private static ClientProof assertion(String clientId, String assertion, String secret) {
        Map<String, List<String>> fields = new TreeMap<>(fields(clientId, "client_assertion", assertion));
        fields.put("client_assertion_type", List.of(ClientAssertions.TYPE));
        return new ClientProof(null, fields, new SecretRedactor(assertion, secret));
    }

    private static Map<String, List<String>> fields(String clientId, String name, String value) {
        return Map.of("client_id", List.of(clientId), name, List.of(value));
    }
}
