package dev.tollgate.auth.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.auth.client.ClientAuthentication;
import dev.tollgate.auth.client.CredentialSet;
import dev.tollgate.auth.client.SecretSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSealerTest {
    private static final byte[] KEY_A = new byte[32];
    private static final byte[] KEY_B = new byte[32];
    private static final byte[] REDIS_KEY = "tollgate:token:abc".getBytes(StandardCharsets.US_ASCII);
    private static final StoredToken TOKEN = new StoredToken("eyJ.the-token.sig", "bearer", 1_000, 13_000);

    static {
        KEY_B[0] = 1;
    }

    @Test
    void sealsAndOpensWithoutTheTokenInClear() throws Exception {
        TokenSealer sealer = TokenSealer.withKey(KEY_A);
        byte[] sealed = sealer.seal(TOKEN, REDIS_KEY);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("the-token"));
        assertEquals(TOKEN, sealer.open(sealed, REDIS_KEY));
        assertFalse(java.util.Arrays.equals(sealed, sealer.seal(TOKEN, REDIS_KEY)), "a fresh random nonce per seal");
        assertFalse(TOKEN.toString().contains("the-token"));
    }

    @Test
    void anotherKeyAGarbledValueOrAnotherRedisKeyDoNotOpen() {
        byte[] sealed = TokenSealer.withKey(KEY_A).seal(TOKEN, REDIS_KEY);
        TokenSealer.Unreadable other = assertThrows(TokenSealer.Unreadable.class,
                () -> TokenSealer.withKey(KEY_B).open(sealed, REDIS_KEY));
        assertTrue(other.otherKey(), other.getMessage());
        for (int i = 0; i < sealed.length; i++) {
            byte[] garbled = sealed.clone();
            garbled[i] ^= 0x40;
            assertThrows(TokenSealer.Unreadable.class, () -> TokenSealer.withKey(KEY_A).open(garbled, REDIS_KEY),
                    "byte " + i);
        }
        assertThrows(TokenSealer.Unreadable.class, () -> TokenSealer.withKey(KEY_A).open(sealed,
                "tollgate:token:other".getBytes(StandardCharsets.US_ASCII)), "bound to the key it is stored under");
        assertThrows(TokenSealer.Unreadable.class, () -> TokenSealer.withKey(KEY_A).open(new byte[3], REDIS_KEY));
    }

    @Test
    void theDerivedKeyIsTheSameForTheSameSecretOnly() throws Exception {
        byte[] sealed = TokenSealer.derivedFrom("s3cret".getBytes()).seal(TOKEN, REDIS_KEY);
        assertEquals(TOKEN, TokenSealer.derivedFrom("s3cret".getBytes()).open(sealed, REDIS_KEY));
        assertThrows(TokenSealer.Unreadable.class,
                () -> TokenSealer.derivedFrom("s3cret2".getBytes()).open(sealed, REDIS_KEY));
    }

    private static CredentialSet set(String secret, List<String> scopes, Map<String, List<String>> params,
                                     AuthStyle style) {
        return new CredentialSet("client-1", "https://idp.example/token", scopes, params,
                new ClientAuthentication.SharedSecret(style, new SecretSource.Inline(secret)), Map.of(), null,
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void keyNamesDependOnEveryFieldAndNeverShowTheSecret() {
        CredentialSet base = set("s3cret-value", List.of("read"), Map.of(), AuthStyle.AUTO);
        CacheKeys keys = CacheKeys.of("tollgate", base, "s3cret-value".getBytes());
        assertEquals(keys.id(), CacheKeys.of("tollgate", set("s3cret-value", List.of("read"), Map.of(),
                AuthStyle.AUTO), "s3cret-value".getBytes()).id(), "every instance finds the same name");
        String name = new String(keys.token(), StandardCharsets.US_ASCII);
        assertTrue(name.startsWith("tollgate:token:"), name);
        assertFalse(name.contains("s3cret") || name.contains("client-1") || name.contains("idp.example"), name);
        assertArrayEquals(("tollgate:lock:" + keys.id()).getBytes(), keys.lock());
        for (CacheKeys other : List.of(
                CacheKeys.of("tollgate", base, "rotated".getBytes()),
                CacheKeys.of("tollgate", set("s3cret-value", List.of("write"), Map.of(), AuthStyle.AUTO),
                        "s3cret-value".getBytes()),
                CacheKeys.of("tollgate", set("s3cret-value", List.of("read"), Map.of("audience", List.of("a")),
                        AuthStyle.AUTO), "s3cret-value".getBytes()),
                CacheKeys.of("tollgate", set("s3cret-value", List.of("read"), Map.of(), AuthStyle.PARAMS),
                        "s3cret-value".getBytes()))) {
            assertNotEquals(keys.id(), other.id());
        }
    }
}
