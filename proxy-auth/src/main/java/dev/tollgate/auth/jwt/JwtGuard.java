package dev.tollgate.auth.jwt;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.jwt.JwtValidatorConfig.ClaimHeader;
import dev.tollgate.auth.jwt.Verification.Refusal;
import dev.tollgate.core.config.Placeholders;
import dev.tollgate.core.extension.EndpointGuard;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.extension.GuardParams;
import dev.tollgate.core.extension.GuardVerdict;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Clock;
import java.util.Map;

/**
 * One endpoint's {@code auth/validator}, as krakend-jose's gin handler runs it: 401 when the token is missing,
 * malformed, badly signed, expired or not yet valid, or has the wrong issuer or audience; 403 when it lacks the
 * roles or scopes; otherwise the configured claims are set as request headers (replacing whatever the client sent
 * under those names), the claims the backends' url_patterns name ({@code {JWT.sub}}) are handed to them as
 * request parameters, and the request goes on. The body is empty, as KrakenD aborts.
 *
 * <p>The signature check runs once per token and loop ({@link VerifiedTokenCache}); the claim checks run on every
 * request, since they are cheap and time moves. A request waits ({@link GuardVerdict#PENDING}) only while a key
 * set fetch is in flight: the first one, or one an unknown key id started.
 */
final class JwtGuard implements EndpointGuard {
    private final JwtValidatorConfig config;
    private final KeyProvider keys;
    private final VerifiedTokenCache cache;
    private final TokenVerifier verifier;
    private final TokenExtractor extractor;
    private final Clock clock;
    private final long leewayMillis;
    /** Arrays rather than lists: iterating them per request allocates no iterator. */
    private final String[] audience;
    private final ClaimHeader[] propagate;
    /** The {@code {JWT.x}} slots of the endpoint's parameters, and the claim each takes (prefix removed). */
    private final GuardParams slots;
    private final String[] slotClaims;

    JwtGuard(JwtValidatorConfig config, KeyProvider keys, VerifiedTokenCache cache, Clock clock) {
        this(config, keys, cache, clock, GuardParams.NONE);
    }

    JwtGuard(JwtValidatorConfig config, KeyProvider keys, VerifiedTokenCache cache, Clock clock,
             GuardParams params) {
        this.config = requireNonNull(config, "config");
        this.keys = requireNonNull(keys, "keys");
        this.cache = requireNonNull(cache, "cache");
        this.clock = requireNonNull(clock, "clock");
        this.verifier = new TokenVerifier(config.alg(), config.keyIdentifyBy());
        this.extractor = new TokenExtractor(config.authHeaderName(), config.cookieKey());
        this.leewayMillis = config.leeway().toMillis();
        this.audience = config.audience().toArray(new String[0]);
        this.propagate = config.propagateClaims().toArray(new ClaimHeader[0]);
        this.slots = requireNonNull(params, "params");
        this.slotClaims = params.names().stream().map(n -> n.substring(Placeholders.JWT_PREFIX.length()))
                .toArray(String[]::new);
    }

    @Override
    public GuardVerdict check(HttpRequest request, String clientIp, String[] params) {
        return decide(request, params, true);
    }

    @Override
    public void await(HttpRequest request, String clientIp, String[] params, EventLoop loop, Listener listener) {
        keys.afterFetch(loop, () -> {
            GuardVerdict verdict = decide(request, params, false);
            if (verdict == GuardVerdict.PASS) {
                listener.onPass();
            } else if (verdict == GuardVerdict.PENDING) {
                listener.onRejected(noKeys().rejection()); // cannot happen without mayWait; never wait twice
            } else {
                listener.onRejected(verdict.rejection());
            }
        });
    }

    /** @param mayWait whether the request may wait for a key set fetch (the first, or one for an unknown key) */
    private GuardVerdict decide(HttpRequest request, String[] values, boolean mayWait) {
        HttpHeaders headers = request.headers();
        // The cache key is the header value as sent (prefix included): no copy on the hot path.
        String key = extractor.fromHeader(headers);
        int skip;
        if (key != null) {
            skip = TokenExtractor.prefixLength(key);
        } else {
            key = extractor.fromCookie(headers);
            if (key == null) {
                return unauthorized("no token in the " + config.authHeaderName() + " header or the "
                        + config.cookieKey() + " cookie");
            }
            if (TokenExtractor.prefixLength(key) > 0) {
                return unauthorized("malformed token"); // a cookie has no Bearer prefix in krakend-jose
            }
            skip = 0;
        }
        KeySet current = keys.current();
        if (current == null) {
            return mayWait && keys.fetching() ? GuardVerdict.PENDING : noKeys();
        }
        long now = clock.millis();
        VerifiedToken verified = cache.get(key, current, now);
        if (verified == null) {
            Verification v = verifier.verify(skip == 0 ? key : key.substring(skip), current);
            if (v instanceof Refusal refusal) {
                if (refusal.unknownKey() && mayWait && keys.refetchForUnknownKey()) {
                    return GuardVerdict.PENDING;
                }
                return unauthorized(refusal.reason());
            }
            verified = (VerifiedToken) v;
            cache.put(key, verified);
        }
        return authorize(headers, values, verified, now);
    }

    private GuardVerdict authorize(HttpHeaders headers, String[] values, VerifiedToken token, long now) {
        if (token.alg() != config.alg()) {
            return unauthorized("the token's alg " + token.alg() + " is not the configured " + config.alg());
        }
        if (token.nbfMillis() != Long.MIN_VALUE && now + leewayMillis < token.nbfMillis()) {
            return unauthorized("the token is not valid yet (nbf)");
        }
        if (token.expMillis() != Long.MAX_VALUE && now - leewayMillis > token.expMillis()) {
            return unauthorized("the token has expired (exp)");
        }
        if (token.iatMillis() != Long.MIN_VALUE && now + leewayMillis < token.iatMillis()) {
            return unauthorized("the token was issued in the future (iat)");
        }
        if (config.issuer() != null && !config.issuer().equals(token.issuer())) {
            return unauthorized("wrong issuer");
        }
        for (String required : audience) {
            if (!token.audience().contains(required)) {
                return unauthorized("the audience lacks " + required);
            }
        }
        if (!ClaimRules.hasAnyRole(token.claims(), config.rolesKey(), config.roles())) {
            return forbidden("the token has none of the roles " + config.roles() + " in "
                    + config.rolesKey().name());
        }
        if (!ClaimRules.hasScopes(token.claims(), config.scopesKey(), config.scopes(),
                config.scopesMatcher() == JwtValidatorConfig.ScopesMatcher.ALL)) {
            return forbidden("the token lacks " + (config.scopesMatcher() == JwtValidatorConfig.ScopesMatcher.ALL
                    ? "some" : "all") + " of the scopes " + config.scopes());
        }
        for (ClaimHeader p : propagate) {
            Object claim = p.claim().find(token.claims());
            if (config.propagateArrays()) {
                headers.set(p.header(), ClaimText.list(claim));
            } else {
                headers.set(p.header(), ClaimText.of(claim));
            }
        }
        for (int i = 0; i < slotClaims.length; i++) {
            String claim = slotClaims[i];
            Map<String, Object> claims = token.claims();
            // krakend-jose skips a missing claim and lura then sends {{.JWT.x}} itself; an empty value, an empty
            // segment: neither addresses what the backend is meant to serve, so the token does not fit here.
            if (!claims.containsKey(claim) || !slots.set(values, i, ClaimText.param(claims.get(claim)))) {
                return unauthorized("the token has no usable claim " + claim + " for the backend's {"
                        + slots.names().get(i) + "}");
            }
        }
        return GuardVerdict.PASS;
    }

    /** How many {@code {JWT.x}} values it fills (tests). */
    int slotCount() {
        return slotClaims.length;
    }

    private GuardVerdict noKeys() {
        return unauthorized("no key set to verify with: " + keys.unavailableReason());
    }

    private GuardVerdict unauthorized(String reason) {
        return reject(401, reason);
    }

    private GuardVerdict forbidden(String reason) {
        return reject(403, reason);
    }

    /** Without operation_debug only the status is logged, as KrakenD logs nothing then; the token never is. */
    private GuardVerdict reject(int status, String reason) {
        String line = config.operationDebug() ? "JWT validator: " + status + ": " + reason
                : "JWT validator: " + status + " (set operation_debug for the reason)";
        return GuardVerdict.reject(new GateRejection(status, line));
    }
}
