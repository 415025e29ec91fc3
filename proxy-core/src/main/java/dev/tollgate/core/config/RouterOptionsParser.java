package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonTreeWriter;
import java.nio.charset.StandardCharsets;

/**
 * Reads the top-level {@code extra_config["router"]} block, KrakenD's router options, into {@link RouterOptions}.
 * Options that only shape KrakenD's access log are accepted silently (Tollgate writes none); the others Tollgate
 * lacks get one warning each.
 */
final class RouterOptionsParser {
    static final String NAMESPACE = "router";
    /** The name krakend-ce's alias table still accepts for it. */
    static final String LEGACY_NAMESPACE = "github_com/luraproject/lura/router/gin";
    private static final String DEFAULT_HEALTH_PATH = RouterOptions.DEFAULT_HEALTH_PATH;

    private RouterOptionsParser() {
    }

    /** @param block the namespace's object, or null when it is absent */
    static RouterOptions parse(ConfigObject block) {
        if (block == null) {
            return RouterOptions.DEFAULTS;
        }
        // KrakenD redirects a path that misses (or has an extra) trailing slash both with gin's trailing-slash rule
        // and with its fixed-path rule, so only disabling both stops it (KrakenD's docs say so).
        boolean noTrailingSlash = block.bool("disable_redirect_trailing_slash", false);
        // Tollgate never fixes a path's case or dots, so disabling that is already what it does.
        boolean noFixedPath = block.bool("disable_redirect_fixed_path", false);
        String healthPath = block.string("health_path", DEFAULT_HEALTH_PATH);
        if (!healthPath.startsWith("/") || healthPath.indexOf('?') >= 0 || healthPath.indexOf('{') >= 0) {
            block.problems().error(block.path("health_path"), "\"" + healthPath + "\" must be a path starting "
                    + "with / (no query, no parameters)");
            healthPath = DEFAULT_HEALTH_PATH;
        }
        if (block.bool("disable_health", false)) {
            healthPath = null;
        }
        boolean returnErrorMessage = block.bool("return_error_msg", false);
        String[] errorBodies = errorBodies(block.object("error_body"));
        // Tollgate sends no X-KrakenD-Version header: nothing to hide.
        block.bool("hide_version_header", false);
        boolean accessLog = !block.bool("disable_access_log", false);
        java.util.Set<String> skip = new java.util.LinkedHashSet<>(block.stringList("logger_skip_paths"));
        block.warnUnknownKeys();
        return new RouterOptions(!(noTrailingSlash && noFixedPath), healthPath, returnErrorMessage, errorBodies[0],
                errorBodies[1], accessLog, skip);
    }

    /** KrakenD's custom 404 and 405 bodies: JSON objects, written back as compact JSON. */
    private static String[] errorBodies(ConfigObject block) {
        String[] bodies = new String[2];
        if (block == null) {
            return bodies;
        }
        String[] codes = {"404", "405"};
        for (int i = 0; i < codes.length; i++) {
            JsonNode body = block.raw(codes[i]);
            if (body instanceof JsonNode.JsonObject) {
                bodies[i] = new String(JsonTreeWriter.write(body), StandardCharsets.UTF_8);
            } else if (body != null && body != JsonNode.JsonNull.INSTANCE) {
                block.problems().error(block.path(codes[i]), "expected an object (the JSON body to answer "
                        + codes[i] + " with), got " + body.typeName());
            }
        }
        block.warnUnknownKeys();
        return bodies;
    }
}
