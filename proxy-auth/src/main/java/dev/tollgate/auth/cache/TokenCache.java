package dev.tollgate.auth.cache;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.client.ClientAuthentication;
import dev.tollgate.auth.client.CredentialSet;
import dev.tollgate.auth.client.SecretSource;
import dev.tollgate.auth.token.AccessToken;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetcher;
import dev.tollgate.core.log.Log;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gateway's token cache ({@code tollgate/token-cache}): one Redis link, and for each credential set a
 * {@link SharedTokenFetcher} in front of its own fetcher. Without the namespace nothing of this exists.
 */
public final class TokenCache implements AutoCloseable {
    private static final Log log = Log.get("auth");

    private final TokenCacheConfig config;
    private final RedisLink redis;
    private final Clock wall;
    private final List<SharedTokenFetcher> shared = new ArrayList<>();
    private final List<CredentialSet> sets = new ArrayList<>();

    /** Connects in the background: the gateway starts (and fetches on its own) even when Redis is down. */
    public TokenCache(TokenCacheConfig config, Clock wall) {
        this.config = requireNonNull(config, "config");
        this.wall = requireNonNull(wall, "wall");
        this.redis = new RedisLink(config);
        redis.start();
    }

    /**
     * The fetcher the holder of {@code credentials} should use: {@code local} behind the fleet's single flight, or
     * {@code local} itself when the set's token cannot be sealed (no {@code encryption_key_file} and no client
     * secret to derive a key from), which is logged.
     *
     * @param current the holder's current token
     */
    public synchronized TokenFetcher share(CredentialSet credentials, String tokenUrl, TokenFetcher local,
                                           Supplier<AccessToken> current) {
        byte[] secret;
        try {
            secret = secret(credentials);
        } catch (TokenFetchException e) {
            log.warn("tollgate/token-cache: tokens of client_id " + credentials.clientId() + " (" + tokenUrl
                    + ") are not shared: " + e.getMessage());
            return local;
        }
        byte[] key = config.encryptionKey();
        if (key == null && secret == null) {
            log.warn("tollgate/token-cache: tokens of client_id " + credentials.clientId() + " (" + tokenUrl
                    + ") are not shared: auth_style " + credentials.authStyle().configName() + " has no client"
                    + " secret to derive their encryption key from; set encryption_key_file");
            return local;
        }
        TokenSealer sealer = key != null ? TokenSealer.withKey(key) : TokenSealer.derivedFrom(secret);
        CacheKeys keys = CacheKeys.of(config.keyPrefix(), credentials, secret);
        SharedTokenFetcher fetcher = new SharedTokenFetcher(local, redis, sealer, keys, current,
                credentials.refreshMargin(), credentials.tokenTimeout(), wall, tokenUrl);
        shared.add(fetcher);
        sets.add(credentials);
        log.info("tollgate/token-cache: tokens of client_id " + credentials.clientId() + " (" + tokenUrl + ") are"
                + " shared through Redis " + redis.display() + " (cache id " + keys.id().substring(0, 12)
                + "..., " + (key != null ? "encryption_key_file" : "key derived from the client secret") + ")");
        return fetcher;
    }

    /** The client secret, for the key names and the derived key; null for styles without one. */
    private static byte[] secret(CredentialSet credentials) throws TokenFetchException {
        SecretSource source = null;
        if (credentials.authentication() instanceof ClientAuthentication.SharedSecret s) {
            source = s.secret();
        } else if (credentials.authentication() instanceof ClientAuthentication.SecretJwt s) {
            source = s.secret();
        }
        if (source != null) {
            return source.read("client_secret_file").getBytes(StandardCharsets.UTF_8);
        }
        List<String> inParams = credentials.endpointParams().get("client_secret"); // Auth0's example
        return inParams == null || inParams.isEmpty() ? null
                : String.join("\u0000", inParams).getBytes(StandardCharsets.UTF_8);
    }

    public boolean redisUp() {
        return redis.isUp();
    }

    public synchronized List<TokenCacheStats> stats() {
        List<TokenCacheStats> out = new ArrayList<>(shared.size());
        for (int i = 0; i < shared.size(); i++) {
            SharedTokenFetcher f = shared.get(i);
            CredentialSet c = sets.get(i);
            out.add(new TokenCacheStats(f.tokenUrl(), c.clientId(), f.adopted.sum(),
                    f.fetched.sum(), f.waited.sum(), f.localFallbacks.sum(), f.unreadable.sum(), redis.outages(),
                    redis.isUp()));
        }
        return out;
    }

    @Override
    public void close() {
        redis.close();
    }
}
