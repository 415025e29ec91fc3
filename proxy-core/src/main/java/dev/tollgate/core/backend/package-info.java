/**
 * The backend side: {@link dev.tollgate.core.backend.BackendRoute} (one endpoint's precomputed proxy path),
 * {@link dev.tollgate.core.backend.BackendRequestBuilder} (KrakenD's request transform), per-event-loop
 * {@code BackendPool}s, the backend pipeline ({@code BackendChannelInitializer}: codec, extensions' handlers,
 * exchange handler) and {@code Exchange}, which streams one request and its response with backpressure: it holds its
 * connection through a {@code BackendLease}, follows redirects with a {@code RedirectChain} and writes the response to
 * a {@code ResponseSink} ({@code ClientResponseSink} for the client connection).
 *
 * <p>An endpoint that is not no-op is a {@link dev.tollgate.core.backend.DataRoute}: its {@code DataExchange} runs
 * one {@code Exchange} per backend call into a {@code BufferedResponse}, decodes each answer
 * ({@code AnswerDecoder}, with {@link dev.tollgate.core.data}), merges, and sends one rendered answer
 * ({@code DataAnswers}).
 */
package dev.tollgate.core.backend;
