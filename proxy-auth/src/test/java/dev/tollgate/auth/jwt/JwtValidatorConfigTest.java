package dev.tollgate.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.jwt.JwtValidatorConfig.LocalKeys;
import dev.tollgate.auth.jwt.JwtValidatorConfig.RemoteKeys;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.LoadedConfig;
import dev.tollgate.core.config.json.JsonTreeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtValidatorConfigTest {
    static final JsonPath PATH = JsonPath.ROOT.key("endpoints").index(0).key("extra_config").key("auth/validator");
    static final String P = PATH.toString();

    @TempDir
    Path dir;

    static JwtValidatorConfig parse(String json, ConfigProblems problems) throws Exception {
        return new JwtValidatorExtension().parse(JsonTreeReader.read(json), PATH, problems);
    }

    @Test
    void readsKrakendsFieldsWithItsDefaults() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        JwtValidatorConfig c = parse("""
                {"alg": "RS256", "jwk_url": "https://idp.example/jwks"}""", problems);
        assertEquals(List.of(), problems.errors());
        assertEquals(List.of(), problems.warnings());
        assertEquals(JwtAlgorithm.RS256, c.alg());
        RemoteKeys keys = assertInstanceOf(RemoteKeys.class, c.keys());
        assertEquals(Duration.ofMinutes(1), keys.refreshEvery(), "without cache KrakenD fetches per request");
        assertEquals("Authorization", c.authHeaderName());
        assertEquals("access_token", c.cookieKey());
        assertEquals(List.of("roles"), c.rolesKey().segments());
        assertEquals(Duration.ofSeconds(1), c.leeway(), "go-auth0's minimum leeway");
        assertEquals(KeyIdentifyBy.KID, c.keyIdentifyBy());
        assertNull(c.scopesKey());
        assertNull(c.issuer());
    }

    @Test
    void readsEveryField() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        JwtValidatorConfig c = parse("""
                {"alg": "ES256", "jwk_url": "http://idp:8080/jwks", "disable_jwk_security": true,
                 "cache": true, "cache_duration": 60, "issuer": "https://idp", "audience": ["a", "b"],
                 "roles_key": "realm_access.roles", "roles_key_is_nested": true, "roles": ["admin"],
                 "scopes_key": "scope", "scopes": ["read", "write"], "scopes_matcher": "all",
                 "cookie_key": "jwt", "auth_header_name": "X-Token", "operation_debug": true, "leeway": "30s",
                 "propagate_claims": [["sub", "X-User"], ["realm_access.roles", "X-Roles"]],
                 "propagate_claims_preserve_array": true, "key_identify_strategy": "x5t#S256",
                 "failed_jwk_key_cooldown": "2m"}""", problems);
        assertEquals(List.of(), problems.errors());
        assertEquals(List.of(), problems.warnings());
        RemoteKeys keys = assertInstanceOf(RemoteKeys.class, c.keys());
        assertEquals(Duration.ofSeconds(60), keys.refreshEvery());
        assertEquals(Duration.ofMinutes(2), keys.unknownKeyCooldown());
        assertEquals(List.of("realm_access", "roles"), c.rolesKey().segments());
        assertEquals(List.of("a", "b"), c.audience());
        assertEquals(JwtValidatorConfig.ScopesMatcher.ALL, c.scopesMatcher());
        assertEquals("X-Token", c.authHeaderName());
        assertEquals("jwt", c.cookieKey());
        assertEquals(Duration.ofSeconds(30), c.leeway());
        assertEquals(2, c.propagateClaims().size());
        assertEquals(List.of("realm_access", "roles"), c.propagateClaims().get(1).claim().segments());
        assertTrue(c.propagateArrays());
        assertTrue(c.operationDebug());
        assertEquals(KeyIdentifyBy.X5T_S256, c.keyIdentifyBy());
    }

    @Test
    void cacheOnWithoutADurationIsFifteenMinutes() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        JwtValidatorConfig c = parse("""
                {"alg": "RS256", "jwk_url": "https://idp/jwks", "cache": true}""", problems);
        assertEquals(Duration.ofMinutes(15), ((RemoteKeys) c.keys()).refreshEvery());
    }

    @Test
    void urlRolesKeysAreNeverSplit() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        JwtValidatorConfig c = parse("""
                {"jwk_url": "https://idp/jwks", "roles_key": "https://example.com/roles",
                 "roles_key_is_nested": true}""", problems);
        assertEquals(List.of("https://example.com/roles"), c.rolesKey().segments());
        JwtValidatorConfig flat = parse("""
                {"jwk_url": "https://idp/jwks", "roles_key": "a.b"}""", problems);
        assertEquals(List.of("a.b"), flat.rolesKey().segments(), "nested only with roles_key_is_nested");
    }

    @Test
    void everyProblemIsReportedAtItsPath() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        assertNull(parse("""
                {"alg": "XS256", "jwk_url": "http://idp/jwks", "cache_duration": "15m", "leeway": "soon",
                 "scopes": ["read"], "scopes_matcher": "most", "propagate_claims": [["sub"], ["sub", "Bad Header"]],
                 "jwk_fingerprints": ["not-base64!"], "key_identify_strategy": "thumb", "auth_header_name": "a b",
                 "secret_url": "vault://x"}""", problems));
        List<String> errors = problems.errors();
        assertHas(errors, P + ".alg: unknown algorithm \"XS256\"");
        assertHas(errors, P + ".jwk_url: is not https");
        assertHas(errors, P + ".cache_duration: expected a whole number of seconds");
        assertHas(errors, P + ".leeway: invalid duration \"soon\"");
        assertHas(errors, P + ".scopes: needs scopes_key");
        assertHas(errors, P + ".scopes_matcher: expected \"any\" or \"all\"");
        assertHas(errors, P + ".propagate_claims[0]: expected [\"claim\", \"Header-Name\"]");
        assertHas(errors, P + ".propagate_claims[1][1]: \"Bad Header\" is not a valid header name");
        assertHas(errors, P + ".jwk_fingerprints[0]: expected the URL-safe base64");
        assertHas(errors, P + ".key_identify_strategy: unknown strategy \"thumb\"");
        assertHas(errors, P + ".auth_header_name: \"a b\" is not a valid header name");
        assertHas(errors, P + ".secret_url: encrypted key files are not supported");
    }

    @Test
    void noneIsRefused() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        assertNull(parse("""
                {"alg": "none", "jwk_url": "https://idp/jwks"}""", problems));
        assertHas(problems.errors(), P + ".alg: \"none\" is refused");
    }

    @Test
    void aKeySourceIsRequired() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        assertNull(parse("""
                {"alg": "RS256"}""", problems));
        assertHas(problems.errors(), P + ": needs jwk_url or jwk_local_path");
    }

    @Test
    void aLocalKeySetIsReadWhileTheConfigLoads() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, TestKeys.jwks(TestKeys.hmac(256, "sim2"), TestKeys.rsa("r1")));
        ConfigProblems problems = new ConfigProblems();
        JwtValidatorConfig c = parse("""
                {"alg": "HS256", "jwk_local_path": "%s"}""".formatted(file), problems);
        assertEquals(List.of(), problems.errors());
        LocalKeys keys = assertInstanceOf(LocalKeys.class, c.keys());
        assertEquals(2, keys.keySet().size());

        Files.writeString(file, "{\"keys\": 3}");
        assertNull(parse("""
                {"alg": "HS256", "jwk_local_path": "%s"}""".formatted(file), problems));
        assertHas(problems.errors(), P + ".jwk_local_path: " + file + " is not a usable JWK set: no \"keys\" array");
        assertNull(parse("""
                {"alg": "HS256", "jwk_local_path": "%s", "cache": true}""".formatted(dir.resolve("missing")),
                problems));
        assertHas(problems.errors(), P + ".jwk_local_path: cannot read");
        assertHas(problems.errors(), P + ".cache: cannot be used with jwk_local_path");
    }

    @Test
    void aShortHmacSecretIsLeftOutOfTheSetWithoutShowingIt() throws Exception {
        Path file = dir.resolve("short.json");
        Files.writeString(file, "{\"keys\": [{\"kty\": \"oct\", \"kid\": \"k\", \"k\": \"c2hvcnQtc2VjcmV0\"}]}");
        ConfigProblems problems = new ConfigProblems();
        assertNull(parse("""
                {"alg": "HS256", "jwk_local_path": "%s"}""".formatted(file), problems));
        String error = problems.errors().get(0);
        assertTrue(error.contains("no usable signature key"), error);
        assertFalse(error.contains("c2hvcnQtc2VjcmV0"), error);
        assertFalse(error.contains("short-secret"), error);
    }

    @Test
    void theLegacyNamespaceIsReadAsAuthValidator() throws Exception {
        LoadedConfig loaded = new ConfigLoader(List.of(new JwtValidatorExtension())).parse("""
                {"version": 3, "endpoints": [{"endpoint": "/p", "backend": [{"host": ["http://b"], "url_pattern": "/"}],
                  "extra_config": {"github.com/devopsfaith/krakend-jose/validator":
                     {"alg": "RS256", "jwk_url": "https://idp/jwks"}}}]}""", "test.json");
        assertNotNull(loaded.config().endpoints().get(0).extensions()
                .get(JwtValidatorExtension.NAMESPACE, JwtValidatorConfig.class));
    }

    static void assertHas(List<String> lines, String prefix) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix)), "no line starts with " + prefix + " in "
                + String.join("\n", lines));
    }
}
