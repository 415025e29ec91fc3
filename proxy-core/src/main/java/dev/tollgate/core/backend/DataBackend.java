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
 */
public record DataBackend(BackendRoute route, BackendEncoding encoding, boolean isCollection, ResponseShape shape,
                          String name) {
    public DataBackend {
        requireNonNull(route, "route");
        requireNonNull(encoding, "encoding");
        requireNonNull(shape, "shape");
        requireNonNull(name, "name");
    }
}
