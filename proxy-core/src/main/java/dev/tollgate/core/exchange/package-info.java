/**
 * The contract between the client side and whatever answers a request (the proxy path, a built-in endpoint, a
 * guard's own answer): {@link dev.tollgate.core.exchange.RequestHandler} creates a
 * {@link dev.tollgate.core.exchange.ClientExchange} that writes through its
 * {@link dev.tollgate.core.exchange.ClientConnection}. A leaf: the server, backend and built-in packages depend on
 * it, it depends on none of them (Armeria's {@code common} between {@code server} and {@code client}).
 */
package dev.tollgate.core.exchange;
