package dev.tollgate.auth.cache;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * The top-level {@code tollgate/token-cache} block: where the Redis that several Tollgates share tokens through
 * is, and the key that seals the tokens stored there. Immutable; {@link #toString()} shows neither the password nor
 * the key.
 *
 * @param host          Redis host
 * @param port          Redis port (6379 by default)
 * @param database      the database number of the URL's path (0 by default)
 * @param tls           {@code rediss://}
 * @param username      the Redis ACL user, or null for the default user
 * @param password      the password (from the URL or {@code password_file}), or null
 * @param keyPrefix     the first part of every key and channel Tollgate writes ({@code tollgate})
 * @param encryptionKey the 32 bytes of {@code encryption_key_file}, or null: then each credential set's key is
 *                      derived (HKDF) from its client secret
 */
public record TokenCacheConfig(String host, int port, int database, boolean tls, String username, String password,
                               String keyPrefix, byte[] encryptionKey) {
    public static final String DEFAULT_KEY_PREFIX = "tollgate";
    public static final int DEFAULT_PORT = 6379;
    public static final int KEY_BYTES = 32;

    public TokenCacheConfig {
        requireNonNull(host, "host");
        requireNonNull(keyPrefix, "keyPrefix");
        if (encryptionKey != null) {
            if (encryptionKey.length != KEY_BYTES) {
                throw new IllegalArgumentException("encryptionKey: " + encryptionKey.length + " bytes (expected: "
                        + KEY_BYTES + ")");
            }
            encryptionKey = encryptionKey.clone();
        }
    }

    @Override
    public byte[] encryptionKey() {
        return encryptionKey == null ? null : encryptionKey.clone();
    }

    /** The URL as logs show it: scheme, user, host, port and database, never the password. */
    public String displayUrl() {
        return (tls ? "rediss://" : "redis://") + (username == null ? "" : username + "@") + host + ':' + port + '/'
                + database;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenCacheConfig c && host.equals(c.host) && port == c.port && database == c.database
                && tls == c.tls && java.util.Objects.equals(username, c.username)
                && java.util.Objects.equals(password, c.password) && keyPrefix.equals(c.keyPrefix)
                && Arrays.equals(encryptionKey, c.encryptionKey);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(host, port, database, tls, username, keyPrefix);
    }

    @Override
    public String toString() {
        return "TokenCacheConfig{" + displayUrl() + ", keyPrefix=" + keyPrefix
                + (password == null ? "" : ", password=<redacted>")
                + (encryptionKey == null ? ", key derived from each client secret" : ", encryptionKey=<redacted>")
                + '}';
    }
}
