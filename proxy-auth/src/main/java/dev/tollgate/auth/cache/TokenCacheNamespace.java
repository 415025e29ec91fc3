package dev.tollgate.auth.cache;

import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.Extension;

/**
 * The top-level {@code tollgate/token-cache} namespace (Tollgate only): parsed here, used by the client
 * credentials extension at start, which looks its config up through {@link #INSTANCE}. It runs nothing itself.
 */
public final class TokenCacheNamespace implements Extension<TokenCacheConfig> {
    public static final String NAMESPACE = "tollgate/token-cache";
    public static final TokenCacheNamespace INSTANCE = new TokenCacheNamespace();

    private TokenCacheNamespace() {
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Level level() {
        return Level.GATEWAY;
    }

    @Override
    public TokenCacheConfig parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        return TokenCacheConfigParser.parse(value, path, problems);
    }
}
