package dev.tollgate.auth;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.cache.TokenCache;
import dev.tollgate.auth.cache.TokenCacheConfig;
import dev.tollgate.auth.cache.TokenCacheNamespace;
import dev.tollgate.auth.cache.TokenCacheStats;
import dev.tollgate.auth.client.ClientAuthentication;
import dev.tollgate.auth.client.ClientCertificate;
import dev.tollgate.auth.client.CredentialSet;
import dev.tollgate.auth.client.SecretSource;
import dev.tollgate.auth.client.ClientCredentialsFetcher;
import dev.tollgate.auth.client.TokenHttpClient;
import dev.tollgate.auth.client.TokenTls;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponse;
import dev.tollgate.auth.token.AccessToken;
import dev.tollgate.auth.token.RetryBackoff;
import dev.tollgate.auth.token.TokenClock;
import dev.tollgate.auth.token.TokenFetcher;
import dev.tollgate.auth.token.TokenHolder;
import dev.tollgate.auth.token.TokenHolderStats;
import dev.tollgate.auth.token.TokenScheduler;
import dev.tollgate.core.config.BackendConfig;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.ExtensionConfigs;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendExtension;
import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.log.Log;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * KrakenD's {@code auth/client-credentials} backend feature. One instance per running gateway: backends with the
 * same credential set share one {@link TokenHolder} (one token, one fetcher, one refresh timer), and every holder
 * fetches its first token eagerly at {@link #start}. With the top-level {@code tollgate/token-cache}, each holder's
 * fetcher is shared by the fleet through Redis ({@link TokenCache}); requests still read the holder only.
 */
public final class ClientCredentialsExtension implements BackendExtension<ClientCredentialsConfig> {
    public static final String NAMESPACE = "auth/client-credentials";
    public static final String LEGACY_NAMESPACE = "github.com/devopsfaith/krakend-oauth2-clientcredentials";
    private static final Log log = Log.get("auth");

    private final TokenClock clock;
    private final Supplier<SslContext> tls;
    private final Clock wallClock;
    private final Map<CredentialSet, TokenHolder> holders = new LinkedHashMap<>();
    private final Map<CredentialSet, Integer> backendsPerSet = new LinkedHashMap<>();
    /** Non-null from start while tollgate/token-cache is configured. */
    private TokenCache tokenCache;

    public ClientCredentialsExtension() {
        this(TokenClock.SYSTEM, TokenTls::defaultContext);
    }

    /** @param tls the TLS context for https token URLs (tests pass one that trusts their certificate) */
    public ClientCredentialsExtension(TokenClock clock, Supplier<SslContext> tls) {
        this(clock, tls, Clock.systemUTC());
    }

    /** @param wallClock wall time for client assertions' {@code iat} and {@code exp} */
    public ClientCredentialsExtension(TokenClock clock, Supplier<SslContext> tls, Clock wallClock) {
        this.clock = requireNonNull(clock, "clock");
        this.tls = requireNonNull(tls, "tls");
        this.wallClock = requireNonNull(wallClock, "wallClock");
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public List<String> aliases() {
        return List.of(LEGACY_NAMESPACE);
    }

    @Override
    public ClientCredentialsConfig parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        return ClientCredentialsConfigParser.parse(value, path, problems);
    }

    @Override
    public synchronized BackendDecorator decorate(EndpointConfig endpoint, BackendConfig backend,
                                                  ClientCredentialsConfig config) {
        if (config == null || config.disabled()) {
            return null;
        }
        TokenHolder holder = holder(config.credentialSet());
        int noTokenStatus = config.noTokenStatus();
        // Per backend, not per holder: backends sharing a token may answer its absence differently.
        BackendGate gate = (loop, listener) -> holder.await(loop, listener, noTokenStatus);
        return new BackendDecorator() {
            @Override
            public void initChannel(ChannelPipeline pipeline) {
                pipeline.addLast("client-credentials", new ClientCredentialsHandler(holder));
            }

            @Override
            public BackendGate gate() {
                return gate;
            }

            /**
             * A bodiless request the backend refused with 401: its token was just marked stale (the handler saw
             * the 401 first), so it is sent once more with the replacement, unless replay_on_401 is off or no
             * replacement is coming (the token was too fresh to blame, or the provider is failing).
             */
            @Override
            public int replayBodyLimit() {
                return config.replayOn401() ? config.replayBodyLimit() : 0;
            }

            @Override
            public BackendGate replayGate(Channel backend, HttpResponse response) {
                if (!config.replayOn401()) {
                    return null;
                }
                ClientCredentialsHandler handler = backend.pipeline().get(ClientCredentialsHandler.class);
                AccessToken stale = handler == null ? null : handler.stamped();
                if (stale == null || !holder.replacing(stale)) {
                    return null;
                }
                return (loop, listener) -> holder.awaitReplacement(stale, loop, listener, noTokenStatus);
            }
        };
    }

    /** The shared holder of {@code credentials}, created on first use. */
    public synchronized TokenHolder holder(CredentialSet credentials) {
        backendsPerSet.merge(credentials, 1, Integer::sum);
        return holders.computeIfAbsent(credentials, c -> new TokenHolder(
                ClientCredentialsFetcher.displayUrl(URI.create(c.tokenUrl())), c.clientId(), c.refreshMargin(), clock,
                RetryBackoff.withRandomJitter()));
    }

    @Override
    public void start(EventLoopGroup eventLoops, Class<? extends SocketChannel> socketChannelType) {
        start(ExtensionConfigs.EMPTY, eventLoops, socketChannelType);
    }

    @Override
    public synchronized void start(ExtensionConfigs gateway, EventLoopGroup eventLoops,
                                   Class<? extends SocketChannel> socketChannelType) {
        if (holders.isEmpty()) {
            return;
        }
        TokenCacheConfig cacheConfig = gateway.get(TokenCacheNamespace.INSTANCE);
        tokenCache = cacheConfig == null ? null : new TokenCache(cacheConfig, wallClock);
        // Built once, here rather than on an event loop, and only when some token URL needs it.
        boolean anyHttps = holders.keySet().stream().anyMatch(c -> !c.needsOwnTls() && isHttps(c));
        TokenHttpClient shared = new TokenHttpClient(eventLoops, socketChannelType, anyHttps ? tls.get() : null);
        holders.forEach((credentials, holder) -> {
            // A client certificate or a private CA belongs to its credential set alone.
            TokenHttpClient http = credentials.needsOwnTls() ? new TokenHttpClient(eventLoops, socketChannelType,
                    TokenTls.forCredentials(credentials.ca(), clientCertificate(credentials))) : shared;
            log.info("auth/client-credentials: token_url " + holder.tokenUrl() + ", client_id " + credentials.clientId()
                    + ", scopes " + (credentials.scopes().isEmpty() ? "(none)" : String.join(" ", credentials.scopes()))
                    + ", auth_style " + credentials.authStyle().configName() + describe(credentials) + ", shared by "
                    + backendsPerSet.get(credentials) + " backend(s); fetching the first token");
            TokenFetcher fetcher = new ClientCredentialsFetcher(credentials, http, wallClock);
            if (tokenCache != null) {
                fetcher = tokenCache.share(credentials, holder.tokenUrl(), fetcher, holder::current);
            }
            holder.start(fetcher, TokenScheduler.on(eventLoops.next()));
        });
    }

    private static boolean isHttps(CredentialSet c) {
        return c.tokenUrl().regionMatches(true, 0, "https:", 0, 6);
    }

    private static ClientCertificate clientCertificate(CredentialSet c) {
        return c.authentication() instanceof ClientAuthentication.TlsClientAuth t ? t.certificate() : null;
    }

    /** Which key or file authenticates, for the start line: files and fingerprints, never their contents. */
    private static String describe(CredentialSet c) {
        ClientAuthentication a = c.authentication();
        String what = "";
        if (a instanceof ClientAuthentication.PrivateKeyJwt p) {
            what = " (" + p.key() + ")";
        } else if (a instanceof ClientAuthentication.AssertionFile f) {
            what = " (" + f.path() + ")";
        } else if (a instanceof ClientAuthentication.TlsClientAuth t) {
            what = " (" + t.certificate() + ")";
        } else if (a instanceof ClientAuthentication.SharedSecret s && s.secret() instanceof SecretSource.FromFile f) {
            what = " (client_secret_file " + f.file() + ")";
        }
        return what + (c.ca() == null ? "" : ", ca_file " + c.ca().file())
                + (c.tokenRequestHeaders().isEmpty() ? "" : ", token_request_headers "
                + String.join(", ", c.tokenRequestHeaders().keySet()));
    }

    @Override
    public synchronized void close() {
        holders.values().forEach(TokenHolder::close);
        if (tokenCache != null) {
            tokenCache.close();
        }
    }

    /** Each shared credential set's use of tollgate/token-cache; empty without it. */
    public synchronized List<TokenCacheStats> tokenCacheStats() {
        return tokenCache == null ? List.of() : tokenCache.stats();
    }

    /** Every holder's counters, for a metrics endpoint. */
    public synchronized List<TokenHolderStats> stats() {
        List<TokenHolderStats> out = new ArrayList<>(holders.size());
        holders.values().forEach(h -> out.add(h.stats()));
        return out;
    }

    @Override
    public void registerMetrics(dev.tollgate.core.metrics.GatewayMetrics metrics) {
        TokenMetrics.register(metrics, this::stats);
    }

    /** How many distinct credential sets (and so token holders and fetchers) exist. */
    public synchronized int holderCount() {
        return holders.size();
    }
}
