package dev.tollgate.auth;

import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenHolderStats;
import dev.tollgate.core.metrics.GatewayMetrics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.Supplier;

/**
 * The token holders' counters as Prometheus metrics, read from their stats at scrape time: the request path pays
 * nothing more than the counters it already keeps. Labelled by token URL (user info and query stripped), client id
 * and {@code credential_set}, the holder's number in config order: two holders may share a URL and client id
 * (other scopes or audience), and two series with the same labels would make Prometheus' writer refuse the whole
 * scrape. Never a secret or a token.
 */
final class TokenMetrics {
    private static final String[] LABELS = {"token_url", "client_id", "credential_set"};

    private TokenMetrics() {
    }

    static void register(GatewayMetrics metrics, Supplier<List<TokenHolderStats>> stats) {
        PrometheusRegistry r = metrics.registry();
        CounterWithCallback.builder().name("tollgate_token_fetches")
                .help("Token requests to the identity provider, by result (ok, or the failure's reason)")
                .labelNames("token_url", "client_id", "credential_set", "result")
                .callback(cb -> {
                    List<TokenHolderStats> all = stats.get();
                    for (int i = 0; i < all.size(); i++) {
                        TokenHolderStats s = all.get(i);
                        String url = url(s);
                        String set = Integer.toString(i + 1);
                        cb.call(s.fetchesOk(), url, s.clientId(), set, "ok");
                        for (TokenFetchException.Reason reason : TokenFetchException.Reason.values()) {
                            cb.call(s.fetchesFailed().getOrDefault(reason, 0L), url, s.clientId(), set,
                                    reason.name().toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }).register(r);
        counter(r, "tollgate_token_refreshes", "Fetches started while a valid token existed (scheduled early "
                + "refresh, or a backend 401)", stats, TokenHolderStats::refreshes);
        counter(r, "tollgate_token_waits", "Requests that waited for a first or replacing token", stats,
                TokenHolderStats::waits);
        counter(r, "tollgate_token_rejected", "Requests refused because no valid token existed", stats,
                TokenHolderStats::rejected);
        counter(r, "tollgate_token_replays", "Requests sent once more with a replaced token after a backend 401",
                stats, TokenHolderStats::replays);
        counter(r, "tollgate_token_stamped", "Requests stamped with a token", stats, TokenHolderStats::stamped);
        GaugeWithCallback.builder().name("tollgate_token_expires_in_seconds")
                .help("Seconds until the current token expires (0 without a valid token; +Inf if it never does)")
                .labelNames(LABELS)
                .callback(cb -> each(stats, (s, labels) -> cb.call(s.remainingNanos() == Long.MAX_VALUE
                        ? Double.POSITIVE_INFINITY : s.remainingNanos() / 1e9, labels))).register(r);
        GaugeWithCallback.builder().name("tollgate_token_last_fetch_duration_seconds")
                .help("How long the last finished token request took")
                .labelNames(LABELS)
                .callback(cb -> each(stats, (s, labels) -> cb.call(s.lastFetchNanos() / 1e9, labels)))
                .register(r);
    }

    private static void counter(PrometheusRegistry r, String name, String help,
                                Supplier<List<TokenHolderStats>> stats,
                                java.util.function.ToLongFunction<TokenHolderStats> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames(LABELS)
                .callback(cb -> each(stats, (s, labels) -> cb.call(value.applyAsLong(s), labels))).register(r);
    }

    /** Each holder's stats with its label values (token URL, client id, credential set number). */
    private static void each(Supplier<List<TokenHolderStats>> stats,
                             java.util.function.BiConsumer<TokenHolderStats, String[]> action) {
        List<TokenHolderStats> all = stats.get();
        for (int i = 0; i < all.size(); i++) {
            TokenHolderStats s = all.get(i);
            action.accept(s, new String[] {url(s), s.clientId(), Integer.toString(i + 1)});
        }
    }

    /** The token URL without its query: a query may carry a parameter nobody should read off a metrics page. */
    private static String url(TokenHolderStats s) {
        String u = s.tokenUrl();
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }
}
