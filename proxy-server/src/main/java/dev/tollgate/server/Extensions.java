package dev.tollgate.server;

import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.cache.TokenCacheNamespace;
import dev.tollgate.auth.jwt.JwtValidatorExtension;
import dev.tollgate.core.extension.Extension;
import dev.tollgate.core.modifier.MartianExtension;
import dev.tollgate.core.ratelimit.ProxyRateLimitExtension;
import dev.tollgate.core.ratelimit.RouterRateLimitExtension;
import java.util.List;

/**
 * The endpoint and backend features this build understands, in order, and the top-level namespaces
 * ({@code tollgate/token-cache}, which client credentials reads at start).
 *
 * <p>Endpoint guards run in list order, the order KrakenD's handler factory nests its middlewares (JWT validation
 * before rate limits). Backend decorators too: client credentials comes first so that its handler has the last
 * word on the outgoing request (the token overwrites any {@code Authorization} a martian header modifier, or the
 * client, set, as KrakenD does); the backend rate limit's gate is checked after the token's.
 */
final class Extensions {
    private Extensions() {
    }

    /** New instances for one gateway: extensions hold per-gateway state such as token holders, key sets and buckets. */
    static List<Extension<?>> create() {
        return List.of(new JwtValidatorExtension(), new RouterRateLimitExtension(), new ClientCredentialsExtension(),
                new MartianExtension(), new ProxyRateLimitExtension(), TokenCacheNamespace.INSTANCE);
    }
}
