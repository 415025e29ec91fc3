package dev.tollgate.core.config;

/**
 * Reads a backend's {@code extra_config["backend/http/client"]}, KrakenD's per-backend HTTP client options. Of
 * those, Tollgate implements the redirect switch: KrakenD follows a backend's redirects unless {@code no_redirect}
 * (an Enterprise option) is set, and so does Tollgate.
 */
final class BackendHttpClientParser {
    static final String NAMESPACE = "backend/http/client";

    private BackendHttpClientParser() {
    }

    /**
     * @param block the namespace's object, or null when it is absent
     * @return whether the backend's redirects are followed
     */
    static boolean followRedirects(ConfigObject block) {
        if (block == null) {
            return true;
        }
        boolean noRedirect = block.bool("no_redirect", false);
        if (block.bool("send_body_on_redirect", false)) {
            block.problems().warn(block.path("send_body_on_redirect"), "not supported: Tollgate streams request "
                    + "bodies without keeping a copy, so a 307 or 308 answer to a request that had a body goes to "
                    + "the client as it is");
        }
        if (block.has("client_tls")) {
            block.raw("client_tls");
            block.problems().feature(block.path("client_tls"), KrakendFeatures.gatewayKey("client_tls"));
        }
        block.warnUnknownKeys();
        return !noRedirect;
    }
}
