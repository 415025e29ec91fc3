package dev.tollgate.core.config;

import java.util.List;
import java.util.Locale;

/** The HTTP methods an endpoint or backend may use: KrakenD's set. CONNECT and TRACE are not proxied. */
final class Methods {
    static final List<String> SUPPORTED = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private Methods() {
    }

    /** Reads {@code key} upper-cased; absent gives {@code defaultMethod}; anything else is an error. */
    static String read(ConfigObject obj, String key, String defaultMethod) {
        String raw = obj.string(key, null);
        if (raw == null) {
            return defaultMethod;
        }
        String method = raw.strip().toUpperCase(Locale.ROOT);
        if (!SUPPORTED.contains(method)) {
            obj.problems().error(obj.path(key), "\"" + raw + "\" is not supported (expected one of "
                    + String.join(", ", SUPPORTED) + ")");
            return defaultMethod;
        }
        return method;
    }
}
