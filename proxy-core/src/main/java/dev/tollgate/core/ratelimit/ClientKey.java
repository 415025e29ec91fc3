package dev.tollgate.core.ratelimit;

/**
 * How KrakenD's router rate limit tells clients apart ({@code strategy} and {@code key}).
 *
 * @param strategy by IP (optionally read from the {@code key} header first), by a header's value, or by a path
 *                 parameter's value
 * @param key      the header or parameter name; for {@code IP} an optional header such as {@code X-Real-IP}
 */
public record ClientKey(Strategy strategy, String key) {

    public enum Strategy { IP, HEADER, PARAM }

    @Override
    public String toString() {
        return strategy.name().toLowerCase(java.util.Locale.ROOT) + (key == null ? "" : " (" + key + ")");
    }
}
