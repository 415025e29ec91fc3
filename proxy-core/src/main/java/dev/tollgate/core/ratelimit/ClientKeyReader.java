package dev.tollgate.core.ratelimit;

import io.netty.handler.codec.http.HttpRequest;

/**
 * Reads a request's client key as krakend-ratelimit's token extractors do.
 *
 * <p>By IP it is the TCP peer's address. <b>Stricter than KrakenD:</b> gin's {@code ClientIP()}, which KrakenD
 * uses, trusts {@code X-Forwarded-For} and {@code X-Real-IP} from any peer by default, so a client that sends a new
 * {@code X-Forwarded-For} on every request is a new client every time and has no limit. Tollgate reads a header
 * only when the config names it in {@code key} (then, as KrakenD: its first comma-separated value, cut at the
 * first {@code :}, if that is an IP address; else the peer's address).
 */
final class ClientKeyReader {
    private final ClientKey key;
    /** For {@code PARAM}: the parameter's position in the endpoint path. */
    private final int paramIndex;

    ClientKeyReader(ClientKey key, int paramIndex) {
        this.key = key;
        this.paramIndex = paramIndex;
    }

    String read(HttpRequest request, String clientIp, String[] params) {
        switch (key.strategy()) {
            case HEADER:
                return request.headers().get(key.key());
            case PARAM:
                return paramIndex < params.length ? params[paramIndex] : null;
            default:
                if (key.key() == null) {
                    return clientIp;
                }
                String forwarded = fromHeader(request.headers().get(key.key()));
                return forwarded != null ? forwarded : clientIp;
        }
    }

    /** KrakenD's NewIPTokenExtractor: first list element, trimmed, cut at ':', kept only if it parses as an IP. */
    static String fromHeader(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        String first = (comma < 0 ? value : value.substring(0, comma)).trim();
        int colon = first.indexOf(':');
        String ip = colon < 0 ? first : first.substring(0, colon);
        return IpLiteral.isIPv4(ip) ? ip : null;
    }
}
