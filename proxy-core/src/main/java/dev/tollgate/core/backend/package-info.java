/**
 * The backend side: {@link dev.tollgate.core.backend.BackendRoute} (one endpoint's precomputed proxy path),
 * {@link dev.tollgate.core.backend.BackendRequestBuilder} (KrakenD's request transform), per-event-loop
 * {@code BackendPool}s, the backend pipeline ({@code BackendChannelInitializer}: codec, extensions' handlers,
 * exchange handler) and {@code Exchange}, which streams one request and its response with backpressure.
 */
package dev.tollgate.core.backend;
