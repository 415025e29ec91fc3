package dev.tollgate.core.ratelimit;

import dev.tollgate.core.config.ConfigObject;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.GoDuration;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads krakend-ratelimit's blocks as its {@code ConfigGetter}s do: rates per second scaled by {@code every}
 * (at least 1s), a capacity of 0 or none meaning "the rate, or 1 below one per second". Stricter than KrakenD
 * where it would silently serve without the limit the file asks for: a value of the wrong type, an unknown
 * {@code strategy} or an unreadable {@code every} is an error, not a dropped limit.
 */
final class RateLimitParser {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration DEFAULT_CLEANUP = Duration.ofMinutes(1);

    private RateLimitParser() {
    }

    /** The endpoint block; its problems are reported. */
    static RouterLimitConfig router(JsonNode value, JsonPath path, ConfigProblems problems) {
        ConfigObject o = ConfigObject.of(value, path, problems);
        double factor = factor(o);
        double maxRate = rate(o, "max_rate") * factor;
        long capacity = count(o, "capacity");
        double clientMaxRate = rate(o, "client_max_rate") * factor;
        long clientCapacity = count(o, "client_capacity");
        String strategy = o.string("strategy", null);
        String key = o.string("key", null);
        Duration cleanup = o.duration("cleanup_period", DEFAULT_CLEANUP);
        if (cleanup != null && cleanup.compareTo(SECOND) < 0) {
            cleanup = SECOND; // krakend-ratelimit's floor
        }
        // Sharding and sweeper threads tune KrakenD's Go maps; Tollgate's table needs neither.
        o.raw("num_shards");
        o.raw("cleanup_threads");
        o.warnUnknownKeys();

        RateLimit endpoint = maxRate > 0 ? new RateLimit(maxRate, capacity > 0 ? capacity : defaultCapacity(maxRate))
                : null;
        RateLimit client = null;
        ClientKey clientKey = null;
        if (clientMaxRate > 0) {
            // krakend-ratelimit (router/gin) tests max_rate here, not client_max_rate: with no endpoint-wide rate a
            // client's default capacity is 1. Kept, as KrakenD clients see it.
            long c = clientCapacity > 0 ? clientCapacity : maxRate < 1 ? 1 : Math.max(1, (long) clientMaxRate);
            client = new RateLimit(clientMaxRate, c);
            clientKey = clientKey(o, strategy, key);
        } else if (strategy != null) {
            problems.warn(o.path("strategy"), "has no effect without a client_max_rate above 0");
        }
        if (endpoint == null && client == null) {
            problems.warn(path, "sets neither max_rate nor client_max_rate above 0: no limit, as in KrakenD");
        }
        return new RouterLimitConfig(endpoint, client, clientKey, cleanup == null ? DEFAULT_CLEANUP : cleanup);
    }

    /** A backend's {@code qos/ratelimit/proxy} block; null when it limits nothing. */
    static RateLimit proxy(JsonNode value, JsonPath path, ConfigProblems problems) {
        ConfigObject o = ConfigObject.of(value, path, problems);
        double maxRate = rate(o, "max_rate") * factor(o);
        long capacity = count(o, "capacity");
        o.warnUnknownKeys();
        if (maxRate <= 0) {
            problems.warn(path, "sets no max_rate above 0: no limit, as in KrakenD");
            return null;
        }
        return new RateLimit(maxRate, capacity > 0 ? capacity : defaultCapacity(maxRate));
    }

    private static long defaultCapacity(double rate) {
        return rate < 1 ? 1 : (long) rate;
    }

    /**
     * KrakenD's strategies; without one KrakenD logs "Unknown strategy" and serves with no client limit at all.
     * Tollgate applies the documented default, by IP, instead of dropping the limit.
     */
    private static ClientKey clientKey(ConfigObject o, String strategy, String key) {
        String s = strategy == null ? "ip" : strategy.toLowerCase(Locale.ROOT);
        switch (s) {
            case "ip":
                return new ClientKey(ClientKey.Strategy.IP, key == null || key.isEmpty() ? null : key);
            case "header":
            case "param":
                if (key == null || key.isEmpty()) {
                    o.problems().error(o.path("key"), "is required with strategy \"" + s + "\" (which "
                            + (s.equals("header") ? "header" : "path parameter") + " tells clients apart)");
                    return null;
                }
                return new ClientKey(s.equals("header") ? ClientKey.Strategy.HEADER : ClientKey.Strategy.PARAM, key);
            default:
                o.problems().error(o.path("strategy"), "\"" + strategy + "\" is not a strategy (expected ip, header "
                        + "or param); KrakenD would serve the endpoint without the client limit");
                return null;
        }
    }

    /** {@code every}: the window the rates are given for; KrakenD floors it to 1s. */
    private static double factor(ConfigObject o) {
        if (!o.has("every")) {
            o.raw("every");
            return 1;
        }
        Duration every = o.duration("every", null);
        if (every == null) {
            return 1; // reported
        }
        if (every.compareTo(SECOND) < 0) {
            o.problems().warn(o.path("every"), "\"" + GoDuration.format(every) + "\" is below KrakenD's minimum; "
                    + "1s is used, as KrakenD uses it");
            every = SECOND;
        }
        return 1e9 / every.toNanos();
    }

    /** A rate: a number, at least 0. */
    private static double rate(ConfigObject o, String key) {
        BigDecimal n = number(o, key);
        return n == null ? 0 : n.doubleValue();
    }

    /** A capacity: a whole number, at least 0 (a fraction is cut, as Go's uint64 conversion cuts it). */
    private static long count(ConfigObject o, String key) {
        BigDecimal n = number(o, key);
        if (n == null) {
            return 0;
        }
        return n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : n.longValue();
    }

    private static BigDecimal number(ConfigObject o, String key) {
        JsonNode v = o.raw(key);
        if (v == null || v == JsonNode.JsonNull.INSTANCE) {
            return null;
        }
        if (!(v instanceof JsonNode.JsonNumber number)) {
            o.problems().error(o.path(key), "expected a number, got " + v.typeName()
                    + "; KrakenD would ignore it and serve without this limit");
            return null;
        }
        if (number.value().signum() < 0) {
            o.problems().error(o.path(key), "must not be negative, got " + number.value().toPlainString());
            return null;
        }
        return number.value();
    }
}
