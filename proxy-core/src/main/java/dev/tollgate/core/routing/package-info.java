/**
 * Method and path to endpoint: {@link dev.tollgate.core.routing.PathTemplate} ({@code {param}} segments, bound per
 * segment, values kept raw) and {@link dev.tollgate.core.routing.Router} (static paths by hash, templates most
 * specific first; 404 and 405 with {@code Allow}). Built once at startup, read-only afterwards.
 */
package dev.tollgate.core.routing;
