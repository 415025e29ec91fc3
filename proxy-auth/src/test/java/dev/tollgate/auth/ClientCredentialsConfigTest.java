package dev.tollgate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonTreeReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientCredentialsConfigTest {
    static final JsonPath PATH = JsonPath.ROOT.key("endpoints").index(0).key("backend").index(0)
            .key("extra_config").key("auth/client-credentials");
    static final String P = PATH.toString();

    static ClientCredentialsConfig parse(String json, ConfigProblems problems) throws Exception {
        return new ClientCredentialsExtension().parse(JsonTreeReader.read(json), PATH, problems);
    }

    @Test
    void parsesTheSeedSampleWithDefaults() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        ClientCredentialsConfig c = parse("""
                {"client_id": "YOUR-CLIENT-ID", "client_secret": "YOUR-CLIENT-SECRET",
                 "token_url": "https://your.custom.identity.service.tld/token_endpoint",
                 "endpoint_params": {"audience": ["YOUR-AUDIENCE"]}}
                """, problems);
        assertEquals(List.of(), problems.errors());
        assertEquals(List.of(), problems.warnings());
        assertEquals(Map.of("audience", List.of("YOUR-AUDIENCE")), c.endpointParams());
        assertEquals(List.of(), c.scopes());
        assertEquals(AuthStyle.AUTO, c.authStyle());
        assertEquals(Duration.ofSeconds(10), c.tokenTimeout());
        assertEquals(Duration.ofSeconds(10), c.refreshMargin());
        assertFalse(c.disabled());
    }

    @Test
    void scopesAreTrimmedAndEmptiesDropped() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        ClientCredentialsConfig c = parse("""
                {"client_id": "a", "client_secret": "b", "token_url": "http://idp/token",
                 "scopes": " scopeA, ,scopeB ,", "auth_style": "params", "token_timeout": "2s",
                 "refresh_margin": "30s", "is_disabled": true}
                """, problems);
        assertEquals(List.of(), problems.errors());
        assertEquals(List.of("scopeA", "scopeB"), c.scopes());
        assertEquals(AuthStyle.PARAMS, c.authStyle());
        assertEquals(Duration.ofSeconds(2), c.tokenTimeout());
        assertEquals(Duration.ofSeconds(30), c.refreshMargin());
        assertTrue(c.disabled());
    }

    @Test
    void everyMistakeIsAnErrorWithItsPathAndNeverEchoesTheSecret() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        ClientCredentialsConfig c = parse("""
                {"client_secret": "TOPSECRET-1", "token_url": "ftp://idp/token", "scopes": ["a", "b"],
                 "endpoint_params": {"audience": "x", "scope": ["s"], "client_secret": "TOPSECRET-2",
                                     "list": ["ok", 3]},
                 "auth_style": "basic", "token_timeout": "0s", "refresh_margin": "-1s", "is_disabled": "no"}
                """, problems);
        assertNull(c);
        List<String> errors = problems.errors();
        String all = String.join("\n", errors);
        assertTrue(errors.contains(P + ".client_id: is required"), all);
        assertTrue(all.contains(P + ".token_url: \"ftp://idp/token\" is not an absolute http or https URL"), all);
        assertTrue(all.contains(P + ".scopes: expected a comma-separated string"), all);
        assertTrue(all.contains(P + ".endpoint_params.audience: expected an array of strings"), all);
        assertTrue(all.contains(P + ".endpoint_params.scope: cannot overwrite parameter \"scope\""), all);
        assertTrue(all.contains(P + ".endpoint_params.client_secret: expected an array of strings"), all);
        assertTrue(all.contains(P + ".endpoint_params.list[1]: expected a string"), all);
        assertTrue(all.contains(P + ".auth_style: unknown auth style \"basic\""), all);
        assertTrue(all.contains(P + ".token_timeout: must be a positive duration"), all);
        assertTrue(all.contains(P + ".refresh_margin: must not be negative"), all);
        assertTrue(all.contains(P + ".is_disabled: expected a boolean"), all);
        assertFalse(all.contains("TOPSECRET"), all);
    }

    @Test
    void tokenUrlErrorsNeverRepeatUserInfo() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        assertNull(parse("{\"client_id\": \"a\", \"client_secret\": \"b\", "
                + "\"token_url\": \"ftp://a:PASSWORD-1@idp/token\"}", problems));
        assertNull(parse("{\"client_id\": \"a\", \"client_secret\": \"b\", "
                + "\"token_url\": \"https://a:PASSWORD-2@idp /token\"}", problems));
        String all = String.join("\n", problems.errors());
        assertTrue(all.contains(P + ".token_url: \"ftp://idp/token\" is not an absolute http or https URL"), all);
        assertTrue(all.contains(P + ".token_url: invalid URL: Illegal character in authority at index "), all);
        assertFalse(all.contains("PASSWORD"), all);
    }

    @Test
    void wrongSecretTypeIsAnError() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        assertNull(parse("{\"client_id\": \"a\", \"client_secret\": 12345678, \"token_url\": \"http://i/t\"}",
                problems));
        assertEquals(List.of(P + ".client_secret: expected a string, got a number"), problems.errors());
    }

    @Test
    void unknownKeysAreWarnings() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        assertNotNull(parse("{\"client_id\": \"a\", \"client_secret\": \"b\", \"token_url\": \"http://i/t\","
                + " \"typo\": 1}", problems));
        assertEquals(List.of(P + ".typo: unknown or unsupported key, ignored"), problems.warnings());
    }

    @Test
    void toStringRedactsSecretsIncludingOnesInEndpointParams() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        ClientCredentialsConfig c = parse("""
                {"client_id": "id", "client_secret": "TOPSECRET", "token_url": "https://idp/token",
                 "endpoint_params": {"client_secret": ["TOPSECRET"], "audience": ["aud"]}}
                """, problems);
        assertFalse(c.toString().contains("TOPSECRET"), c.toString());
        assertFalse(c.credentialSet().toString().contains("TOPSECRET"));
        assertTrue(c.toString().contains("aud"));
    }
}
