package dev.tollgate.auth.jwt;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.client.TokenHttpClient;
import dev.tollgate.auth.client.TokenTls;
import dev.tollgate.auth.jwt.JwtValidatorConfig.ClaimHeader;
import dev.tollgate.auth.jwt.JwtValidatorConfig.LocalKeys;
import dev.tollgate.auth.jwt.JwtValidatorConfig.RemoteKeys;
import dev.tollgate.auth.token.RetryBackoff;
import dev.tollgate.auth.token.TokenClock;
import dev.tollgate.auth.token.TokenScheduler;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.GoDuration;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.EndpointExtension;
import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.extension.GuardParams;
import dev.tollgate.core.log.Log;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * KrakenD's {@code auth/validator} endpoint feature (krakend-jose). One instance per running gateway: endpoints
 * that name the same {@code jwk_url} (and TLS settings) share one fetched key set and one cache of verified
 * tokens; each {@code jwk_local_path} block has its own. Key sets are fetched at {@link #start} over the
 * client-credentials HTTP client, on the gateway's event loops.
 */
public final class JwtValidatorExtension implements EndpointExtension<JwtValidatorConfig> {
    public static final String NAMESPACE = "auth/validator";
    public static final String LEGACY_NAMESPACE = "github.com/devopsfaith/krakend-jose/validator";
    private static final Log log = Log.get("auth");

    private final Clock wallClock;
    private final TokenClock clock;
    private final Function<RemoteKeys, SslContext> tls;
    private final Map<String, Shared> remote = new LinkedHashMap<>();
    private EventLoopGroup eventLoops;
    private Class<? extends SocketChannel> socketChannelType;

    public JwtValidatorExtension() {
        this(Clock.systemUTC(), TokenClock.SYSTEM, JwtValidatorExtension::defaultTls);
    }

    /**
     * @param wallClock decides {@code exp}, {@code nbf}, {@code iat}
     * @param clock     times refreshes, retries and the unknown-key cool-down
     * @param tls       the TLS context for an https {@code jwk_url} (tests pass one that trusts their certificate)
     */
    public JwtValidatorExtension(Clock wallClock, TokenClock clock, Function<RemoteKeys, SslContext> tls) {
        this.wallClock = requireNonNull(wallClock, "wallClock");
        this.clock = requireNonNull(clock, "clock");
        this.tls = requireNonNull(tls, "tls");
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
    public JwtValidatorConfig parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        return JwtValidatorConfigParser.parse(value, path, problems);
    }

    @Override
    public synchronized EndpointGuard guard(EndpointConfig endpoint, JwtValidatorConfig config) {
        if (config == null) {
            return null;
        }
        warnUnpassedHeaders(endpoint, config);
        KeyProvider provider;
        VerifiedTokenCache cache;
        if (config.keys() instanceof LocalKeys local) {
            provider = new LocalKeyProvider(local.path(), local.keySet());
            cache = new VerifiedTokenCache();
        } else {
            RemoteKeys keys = (RemoteKeys) config.keys();
            Shared shared = remote.get(keys.identity());
            if (shared == null) {
                shared = new Shared(keys, new RemoteKeyProvider(keys.url(), keys.refreshEvery(),
                        keys.unknownKeyCooldown(), clock, RetryBackoff.withRandomJitter()), new VerifiedTokenCache());
                remote.put(keys.identity(), shared);
                if (eventLoops != null) {
                    fetch(shared); // the gateway builds guards after starting extensions
                }
            }
            shared.endpoints++;
            provider = shared.provider;
            cache = shared.cache;
        }
        log.info("auth/validator on " + endpoint.method() + " " + endpoint.path() + ": alg " + config.alg()
                + ", keys from " + provider.describe());
        return new JwtGuard(config, provider, cache, wallClock, GuardParams.of(endpoint));
    }

    /**
     * Starts fetching every key set known so far; a key set first named by a guard built later starts at once
     * (the order of {@link #guard} and {@code start} is the gateway's to choose).
     */
    @Override
    public synchronized void start(EventLoopGroup eventLoops, Class<? extends SocketChannel> socketChannelType) {
        this.eventLoops = requireNonNull(eventLoops, "eventLoops");
        this.socketChannelType = requireNonNull(socketChannelType, "socketChannelType");
        remote.values().forEach(this::fetch);
    }

    private void fetch(Shared shared) {
        RemoteKeys keys = shared.keys;
        boolean https = "https".equalsIgnoreCase(keys.url().getScheme());
        TokenHttpClient http = new TokenHttpClient(eventLoops, socketChannelType, https ? tls.apply(keys) : null,
                keys.fingerprints().isEmpty() ? null : new KeyPins(keys.fingerprints()));
        JwksDownloader downloader = new JwksDownloader(http, keys.url());
        log.info("auth/validator: fetching the key set from " + keys.url() + " (refreshed every "
                + GoDuration.format(keys.refreshEvery()) + ")");
        shared.provider.start(downloader::download, TokenScheduler.on(eventLoops.next()));
    }

    @Override
    public synchronized void close() {
        remote.values().forEach(s -> s.provider.close());
    }

    /** How many distinct key servers are fetched from. */
    public synchronized int remoteKeySets() {
        return remote.size();
    }

    private static SslContext defaultTls(RemoteKeys keys) {
        return keys.localCa() == null ? TokenTls.defaultContext() : TokenTls.withExtraCa(keys.localCa());
    }

    /**
     * KrakenD sets propagated claims on the incoming request, and its input_headers filter decides whether they
     * reach the backend; Tollgate does the same, so a header missing from input_headers is dropped: say so once.
     */
    private static void warnUnpassedHeaders(EndpointConfig endpoint, JwtValidatorConfig config) {
        for (ClaimHeader p : config.propagateClaims()) {
            if (endpoint.inputHeaders() != null && !endpoint.inputHeaders().allows(p.header().toLowerCase(Locale.ROOT))) {
                log.warn("auth/validator on " + endpoint.path() + ": propagated claim " + p.claim().name()
                        + " goes to header " + p.header() + ", which input_headers does not list, so the backend "
                        + "will not see it (as in KrakenD)");
            }
        }
    }

    /** A key server and what the endpoints that use it share. */
    private static final class Shared {
        final RemoteKeys keys;
        final RemoteKeyProvider provider;
        final VerifiedTokenCache cache;
        int endpoints;

        Shared(RemoteKeys keys, RemoteKeyProvider provider, VerifiedTokenCache cache) {
            this.keys = keys;
            this.provider = provider;
            this.cache = cache;
        }
    }
}
