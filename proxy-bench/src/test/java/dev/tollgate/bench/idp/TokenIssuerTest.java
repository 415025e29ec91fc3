package dev.tollgate.bench.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The token endpoint accepts one client id per credential set and counts the token requests of each. */
class TokenIssuerTest {
    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsTokenRequestsPerClientId() {
        TokenIssuer issuer = new TokenIssuer("bench", 2, "s", 15);
        String form = "grant_type=client_credentials";
        assertEquals(200, issuer.token(basic("bench", "s"), form).status());
        assertEquals(200, issuer.token(basic("bench-set-2", "s"), form).status());
        assertEquals(200, issuer.token(null, form + "&client_id=bench-set-2&client_secret=s").status());
        assertEquals(401, issuer.token(basic("bench-set-3", "s"), form).status(), "only sets 1..2 exist");
        assertEquals(401, issuer.token(basic("bench-set-1", "wrong"), form).status());
        String stats = issuer.statsJson();
        assertTrue(stats.contains("\"per_client\":{\"bench\":1,\"bench-set-2\":2}"), stats);
        assertTrue(stats.contains("\"token_requests\":5") && stats.contains("\"rejected\":2"), stats);
    }
}
