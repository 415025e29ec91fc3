/**
 * The client side of the gateway: {@link dev.tollgate.core.gateway.Gateway} (transport, bind, graceful shutdown),
 * the client pipeline ({@code ClientChannelInitializer}: codec, keep-alive, 100-continue, idle, frontend) and the
 * {@code FrontendHandler} that routes each request to a {@link dev.tollgate.core.exchange.RequestHandler} and drives
 * its {@link dev.tollgate.core.exchange.ClientExchange}.
 *
 * <p>Data path: client -> server pipeline -> {@code routing} -> {@code backend} (gates, pool, exchange) -> origin.
 */
package dev.tollgate.core.server;
