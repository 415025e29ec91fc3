package dev.tollgate.auth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser's guards for what becomes a header value and what ends up in a log line. */
class TokenResponseParserTest {
    private static final String PREFIX = "Post \"http://idp/token\": ";

    private static TokenResponse parse(String json) throws TokenFetchException {
        return TokenResponseParser.parse(PREFIX, 200, "200 OK", "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPlainTokenParses() throws Exception {
        TokenResponse r = parse("{\"access_token\":\"eyJ.a-b_c~d+e/f=\",\"token_type\":\"bearer\",\"expires_in\":60}");
        assertEquals("eyJ.a-b_c~d+e/f=", r.accessToken());
        assertEquals(60, r.expiresInSeconds());
    }

    @Test
    void aTokenThatWouldSplitTheBackendRequestIsABadResponse() {
        for (String token : new String[] {"abc\\r\\nX-Admin: true", "abc def", "caf\\u00e9", "tab\\there"}) {
            TokenFetchException e = assertThrows(TokenFetchException.class,
                    () -> parse("{\"access_token\":\"" + token + "\",\"expires_in\":60}"));
            assertEquals(TokenFetchException.Reason.BAD_RESPONSE, e.reason());
            assertEquals(PREFIX + "oauth2: server response has an access_token or token_type that is not a valid"
                    + " header value", e.getMessage());
        }
        TokenFetchException e = assertThrows(TokenFetchException.class,
                () -> parse("{\"access_token\":\"ok\",\"token_type\":\"Bearer\\r\\nX: y\"}"));
        assertEquals(TokenFetchException.Reason.BAD_RESPONSE, e.reason());
    }

    @Test
    void unparseableJsonNeverQuotesTheTokenInTheMessage() {
        TokenFetchException e = assertThrows(TokenFetchException.class,
                () -> parse("{\"access_token\": eyJSECRETTOKEN, \"expires_in\": 60}"));
        assertTrue(e.getMessage().startsWith(PREFIX + "oauth2: cannot parse json: "), e.getMessage());
        assertFalse(e.getMessage().contains("SECRETTOKEN"), e.getMessage());
    }
}
