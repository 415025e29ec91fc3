package dev.tollgate.core.config;

/**
 * Reads the top-level {@code extra_config["router"]} block, KrakenD's router options. Tollgate implements the
 * trailing-slash redirect switch; the other options get one warning each.
 */
final class RouterOptionsParser {
    static final String NAMESPACE = "router";

    private RouterOptionsParser() {
    }

    /**
     * KrakenD redirects a path that misses (or has an extra) trailing slash both with gin's trailing-slash rule and
     * with its fixed-path rule, so only disabling both stops it (KrakenD's docs say so).
     *
     * @param block the namespace's object, or null when it is absent
     */
    static boolean redirectTrailingSlash(ConfigObject block) {
        if (block == null) {
            return true;
        }
        boolean noTrailingSlash = block.bool("disable_redirect_trailing_slash", false);
        // Tollgate never fixes a path's case or dots, so disabling that is already what it does.
        boolean noFixedPath = block.bool("disable_redirect_fixed_path", false);
        block.warnUnknownKeys();
        return !(noTrailingSlash && noFixedPath);
    }
}
