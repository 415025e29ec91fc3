package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import java.util.Set;

/**
 * Reads a backend's {@code extra_config["backend/http"]} (legacy {@code github.com/devopsfaith/krakend/http}) as
 * lura's {@code GetHTTPStatusHandler} does: {@code return_error_details}, when written, decides alone (a non-empty
 * string enables it, anything else leaves the default handler, {@code return_error_code} included).
 */
final class BackendErrorsParser {
    static final String NAMESPACE = "backend/http";
    static final String LEGACY_NAMESPACE = "github.com/devopsfaith/krakend/http";
    static final Set<String> NAMES = Set.of(NAMESPACE, LEGACY_NAMESPACE);

    private BackendErrorsParser() {
    }

    /**
     * @param extra        the backend's extra_config, or null
     * @param noOpEndpoint lura does not check a no-op backend's status, so the block changes nothing there
     */
    static BackendErrors parse(ConfigObject extra, boolean noOpEndpoint) {
        if (extra == null) {
            return BackendErrors.NONE;
        }
        ConfigObject block = extra.object(LEGACY_NAMESPACE);
        if (block == null) {
            block = extra.object(NAMESPACE);
        } else {
            extra.raw(NAMESPACE); // krakend-ce's alias table: the legacy name replaces the new one
        }
        if (block == null) {
            return BackendErrors.NONE;
        }
        BackendErrors errors = BackendErrors.NONE;
        if (block.has("return_error_details")) {
            JsonNode details = block.raw("return_error_details");
            block.raw("return_error_code");
            if (details instanceof JsonNode.JsonString s && !s.value().isEmpty()) {
                errors = new BackendErrors(false, s.value());
            } else {
                block.problems().warn(block.path("return_error_details"), "is not a non-empty string: KrakenD "
                        + "then neither details nor returns a failed backend's status, and neither does Tollgate");
            }
        } else if (block.bool("return_error_code", false)) {
            errors = new BackendErrors(true, null);
        }
        block.warnUnknownKeys();
        if (noOpEndpoint && errors != BackendErrors.NONE) {
            block.problems().info(block.path() + ": ignored on a no-op endpoint (its status passes through), by "
                    + "KrakenD too");
            return BackendErrors.NONE;
        }
        return errors;
    }
}
