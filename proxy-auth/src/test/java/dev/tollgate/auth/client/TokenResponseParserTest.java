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

    @Test
    void aFractionalLifetimeIsRoundedUpNeverReadAsNeverExpires() throws Exception {
        // 0.5 used to truncate to 0, Tollgate's "never expires": a half-second token cached for ever
        assertEquals(1, parse("{\"access_token\":\"a\",\"expires_in\":0.5}").expiresInSeconds());
        assertEquals(1, parse("{\"access_token\":\"a\",\"expires_in\":\"0.001\"}").expiresInSeconds());
        assertEquals(3600, parse("{\"access_token\":\"a\",\"expires_in\":3599.2}").expiresInSeconds());
        assertEquals(1, TokenResponseParser.parse(PREFIX, 200, "200 OK", "application/x-www-form-urlencoded",
                "access_token=a&expires_in=0.5".getBytes(StandardCharsets.UTF_8)).expiresInSeconds());
    }

    @Test
    void aLifetimeThatWouldWrapIsCappedAsGolangOauth2CapsIt() throws Exception {
        for (String huge : new String[] {"\"1e30\"", "1e30", "\"9223372036854775808\"", "99999999999"}) {
            assertEquals(Integer.MAX_VALUE, parse("{\"access_token\":\"a\",\"expires_in\":" + huge + "}")
                    .expiresInSeconds(), huge);
        }
        TokenFetchException e = assertThrows(TokenFetchException.class,
                () -> parse("{\"access_token\":\"a\",\"expires_in\":\"soon\"}"));
        assertEquals(TokenFetchException.Reason.BAD_RESPONSE, e.reason());
        assertThrows(TokenFetchException.class, () -> parse("{\"access_token\":\"a\",\"expires_in\":\"-1e30\"}"));
    }
}
