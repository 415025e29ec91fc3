package dev.tollgate.auth.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.core.config.ConfigException;
import dev.tollgate.core.config.ConfigLoader;
import dev.tollgate.core.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheConfigTest {
    private static final String AT = "extra_config[\"tollgate/token-cache\"]";
    @TempDir
    Path dir;

    private static GatewayConfig load(String block) throws ConfigException {
        return new ConfigLoader(List.of(new ClientCredentialsExtension(), TokenCacheNamespace.INSTANCE)).parse(
                "{\"version\": 3, \"endpoints\": [], \"extra_config\": {\"tollgate/token-cache\": " + block + "}}",
                "test.json").config();
    }

    private static TokenCacheConfig cache(String block) throws ConfigException {
        return load(block).extensions().get(TokenCacheNamespace.INSTANCE);
    }

    private static String errors(String block) {
        return String.join("\n", assertThrows(ConfigException.class, () -> load(block)).errors());
    }

    private String file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString().replace("\\", "\\\\");
    }

    @Test
    void theIssuesExampleWithFilesAndDefaults() throws Exception {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        String keyFile = file("key", Base64.getEncoder().encodeToString(key) + "\n"); // openssl's trailing newline
        String passwordFile = file("password", "s3cret-pw\n");
        TokenCacheConfig c = cache("{\"redis_url\": \"redis://127.0.0.1:6380/2\", \"password_file\": \""
                + passwordFile + "\", \"encryption_key_file\": \"" + keyFile + "\"}");
        assertEquals("127.0.0.1", c.host());
        assertEquals(6380, c.port());
        assertEquals(2, c.database());
        assertFalse(c.tls());
        assertNull(c.username());
        assertEquals("s3cret-pw", c.password());
        assertEquals("tollgate", c.keyPrefix(), "the default key_prefix");
        assertArrayEquals(key, c.encryptionKey());
        assertFalse(c.toString().contains("s3cret-pw"), c.toString());
        assertEquals("redis://127.0.0.1:6380/2", c.displayUrl());
    }

    @Test
    void tlsAclUserAndPasswordInTheUrl() throws Exception {
        TokenCacheConfig c = cache("{\"redis_url\": \"rediss://gateway:p%40ss@redis.internal\","
                + " \"key_prefix\": \"edge-eu\"}");
        assertTrue(c.tls());
        assertEquals("redis.internal", c.host());
        assertEquals(6379, c.port());
        assertEquals(0, c.database());
        assertEquals("gateway", c.username());
        assertEquals("p@ss", c.password());
        assertEquals("edge-eu", c.keyPrefix());
        assertNull(c.encryptionKey(), "no file: each credential set's key is derived from its secret");
        assertEquals("rediss://gateway@redis.internal:6379/0", c.displayUrl());
        assertFalse(c.toString().contains("p@ss"));
    }

    @Test
    void withoutTheNamespaceNothingIsConfigured() throws Exception {
        GatewayConfig g = new ConfigLoader(List.of(new ClientCredentialsExtension(), TokenCacheNamespace.INSTANCE))
                .parse("{\"version\": 3, \"endpoints\": []}", "test.json").config();
        assertNull(g.extensions().get(TokenCacheNamespace.INSTANCE));
    }

    @Test
    void badUrlsAreErrorsAtTheirPathWithoutThePassword() {
        assertTrue(errors("{}").contains(AT + ".redis_url: is required"));
        assertTrue(errors("{\"redis_url\": \"http://127.0.0.1:6379\"}").contains(AT
                + ".redis_url: scheme must be redis or rediss (TLS), got \"http\""));
        assertTrue(errors("{\"redis_url\": \"redis:///0\"}").contains(AT + ".redis_url: has no host"));
        assertTrue(errors("{\"redis_url\": \"redis://h/zero\"}").contains(AT + ".redis_url: path must be a database"));
        String bad = errors("{\"redis_url\": \"redis://u:hunter2@h:6379/0 x\"}");
        assertTrue(bad.contains(AT + ".redis_url: is not a URL"), bad);
        assertFalse(bad.contains("hunter2"), bad);
        assertTrue(errors("{\"redis_url\": \"redis://h?timeout=1s\"}").contains(AT + ".redis_url: must have no query"));
        assertTrue(errors("{\"redis_url\": \"redis://h\", \"key_prefix\": \"a b\"}").contains(AT + ".key_prefix:"));
    }

    @Test
    void missingOrMalformedFilesAreErrorsAllAtOnce() throws Exception {
        String short16 = file("short", Base64.getEncoder().encodeToString(new byte[16]));
        String notBase64 = file("text", "this is not base64!\n");
        String empty = file("empty", "\n");
        String errors = errors("{\"redis_url\": \"redis://h\", \"password_file\": \"" + dir.resolve("nope")
                + "\", \"encryption_key_file\": \"" + short16 + "\"}");
        assertTrue(errors.contains(AT + ".password_file: file " + dir.resolve("nope") + " does not exist"), errors);
        assertTrue(errors.contains(AT + ".encryption_key_file: file " + short16 + " holds 16 bytes once decoded"
                + " (expected: 32"), errors);
        assertTrue(errors("{\"redis_url\": \"redis://h\", \"encryption_key_file\": \"" + notBase64 + "\"}")
                .contains(AT + ".encryption_key_file: file " + notBase64 + " is not base64"));
        assertTrue(errors("{\"redis_url\": \"redis://h\", \"password_file\": \"" + empty + "\"}")
                .contains(AT + ".password_file: file " + empty + " is empty"));
        assertTrue(errors("{\"redis_url\": \"redis://:pw@h\", \"password_file\": \"" + file("pw", "x") + "\"}")
                .contains(AT + ".password_file: redis_url has a password too; keep only one"));
    }

    @Test
    void inAnEndpointItIsWarnedAboutAndIgnored() throws Exception {
        var loaded = new ConfigLoader(List.of(new ClientCredentialsExtension(), TokenCacheNamespace.INSTANCE))
                .parse("{\"version\": 3, \"endpoints\": [{\"endpoint\": \"/a\", \"backend\": [{\"host\":"
                        + " [\"http://127.0.0.1:1\"], \"url_pattern\": \"/\"}], \"extra_config\": {"
                        + "\"tollgate/token-cache\": {\"redis_url\": \"redis://h\"}}}]}", "test.json");
        assertTrue(String.join("\n", loaded.warnings()).contains("endpoints[0].extra_config[\"tollgate/token-cache\"]:"
                + " this namespace belongs in the top-level extra_config, ignored here"), loaded.warnings().toString());
    }
}
