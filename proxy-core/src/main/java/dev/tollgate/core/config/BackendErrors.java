package dev.tollgate.core.config;

/**
 * A backend's {@code extra_config["backend/http"]}: what lura's status handler
 * ({@code transport/http/client/status.go}) does with an answer that is not 200 or 201.
 *
 * @param returnErrorCode {@code return_error_code}: a single backend's failed status (and, with
 *                        {@code router.return_error_msg}, its body) becomes the endpoint's answer instead of a 500
 * @param detailsName     {@code return_error_details}: the failed answer merges as data under
 *                        {@code error_<name>} (status, body, content type); null for none
 */
public record BackendErrors(boolean returnErrorCode, String detailsName) {
    public static final BackendErrors NONE = new BackendErrors(false, null);
}
