package dev.tollgate.auth.cache;

import dev.tollgate.core.config.ConfigObject;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Validates {@code tollgate/token-cache}. The password and key files are read here, once, so a missing or malformed
 * one stops the start (and {@code check}) with its JSON path; messages never repeat a password or a key.
 */
final class TokenCacheConfigParser {
    /** Larger is not a password or a base64 key. */
    private static final long MAX_FILE_BYTES = 4096;
    private static final int MAX_DATABASE = 1 << 20;

    private TokenCacheConfigParser() {
    }

    static TokenCacheConfig parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        int errorsBefore = problems.errors().size();
        ConfigObject obj = ConfigObject.of(value, path, problems);
        String url = obj.requiredString("redis_url");
        String prefix = obj.string("key_prefix", TokenCacheConfig.DEFAULT_KEY_PREFIX);
        if (prefix != null && (prefix.isEmpty() || prefix.chars().anyMatch(c -> c <= ' ' || c > '~'))) {
            problems.error(obj.path("key_prefix"), "must be non-empty printable ASCII without spaces, got \""
                    + prefix + "\"");
        }
        String passwordFile = obj.string("password_file", null);
        String keyFile = obj.string("encryption_key_file", null);
        obj.warnUnknownKeys();

        Url parsed = url == null ? null : url(url, obj.path("redis_url"), problems);
        String password = parsed == null ? null : parsed.password;
        if (passwordFile != null) {
            if (password != null) {
                problems.error(obj.path("password_file"), "redis_url has a password too; keep only one");
            }
            password = readFile(passwordFile, obj.path("password_file"), problems);
            if (password != null) {
                password = password.strip();
                if (password.isEmpty()) {
                    problems.error(obj.path("password_file"), "file " + passwordFile + " is empty");
                }
            }
        }
        byte[] key = keyFile == null ? null : key(keyFile, obj.path("encryption_key_file"), problems);
        if (problems.errors().size() > errorsBefore || parsed == null) {
            return null;
        }
        return new TokenCacheConfig(parsed.host, parsed.port, parsed.database, parsed.tls, parsed.username, password,
                prefix, key);
    }

    private record Url(String host, int port, int database, boolean tls, String username, String password) {
    }

    /** {@code redis[s]://[user[:password]@]host[:port][/database]}; the message never shows the password. */
    private static Url url(String text, JsonPath at, ConfigProblems problems) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.error(at, "is not a URL (expected: redis://host:port/db or rediss://...)");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            problems.error(at, "scheme must be redis or rediss (TLS), got \"" + (uri.getScheme() == null ? ""
                    : uri.getScheme()) + "\"");
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            problems.error(at, "has no host (expected: " + scheme + "://host:port/db)");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.error(at, "must have no query or fragment (options are fields of tollgate/token-cache)");
            return null;
        }
        int database = 0;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                database = -1;
            }
            if (database < 0 || database > MAX_DATABASE) {
                problems.error(at, "path must be a database number such as /0, got \"" + path + "\"");
                return null;
            }
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
            if (user.isEmpty()) {
                user = null; // redis://:password@host, the classic AUTH form
            }
            if (password != null && password.isEmpty()) {
                password = null;
            }
        }
        int port = uri.getPort() < 0 ? TokenCacheConfig.DEFAULT_PORT : uri.getPort();
        return new Url(uri.getHost(), port, database, scheme.equals("rediss"), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** openssl rand -base64 32: base64 of 32 bytes; surrounding whitespace (the trailing newline) ignored. */
    private static byte[] key(String file, JsonPath at, ConfigProblems problems) {
        String text = readFile(file, at, problems);
        if (text == null) {
            return null;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            problems.error(at, "file " + file + " is not base64 (expected: 32 random bytes, base64-encoded, as"
                    + " openssl rand -base64 32 writes)");
            return null;
        }
        if (key.length != TokenCacheConfig.KEY_BYTES) {
            problems.error(at, "file " + file + " holds " + key.length + " bytes once decoded (expected: "
                    + TokenCacheConfig.KEY_BYTES + ", as openssl rand -base64 32 writes)");
            return null;
        }
        return key;
    }

    private static String readFile(String file, JsonPath at, ConfigProblems problems) {
        Path p = Path.of(file);
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                problems.error(at, "file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
                return null;
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.error(at, "file " + file + " does not exist");
        } catch (IOException | RuntimeException e) {
            problems.error(at, "file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }
}
