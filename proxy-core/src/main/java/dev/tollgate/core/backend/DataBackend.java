package dev.tollgate.core.backend;

import static java.util.Objects.requireNonNull;

import dev.tollgate.core.data.BackendEncoding;
import dev.tollgate.core.data.ResponseShape;

/**
 * One backend of an endpoint that is not no-op: its proxy path (own pools, gates and decorators) and what becomes
 * of its answer.
 *
 * @param route        the backend's proxy path; its timeout is the part of the endpoint's the backend gets
 * @param encoding     how its body is decoded
 * @param isCollection {@code is_collection}
 * @param shape        its manipulations
 * @param name         {@code METHOD url_pattern}, for log lines (lura's error prefix)
 * @param returnErrorCode {@code backend/http} {@code return_error_code}: alone on its endpoint, a failed status
 *                        is the endpoint's answer
 * @param errorDetailsKey {@code error_<return_error_details>}: a failed status merges as data under this key;
 *                        null for none
 */
public record DataBackend(BackendRoute route, BackendEncoding encoding, boolean isCollection, ResponseShape shape,
                          String name, boolean returnErrorCode, String errorDetailsKey) {
    public DataBackend {
        requireNonNull(route, "route");
        requireNonNull(encoding, "encoding");
        requireNonNull(shape, "shape");
        requireNonNull(name, "name");
    }

    /** A backend whose failed statuses are failures (lura's default status handler). */
    public DataBackend(BackendRoute route, BackendEncoding encoding, boolean isCollection, ResponseShape shape,
                       String name) {
        this(route, encoding, isCollection, shape, name, false, null);
    }
}
