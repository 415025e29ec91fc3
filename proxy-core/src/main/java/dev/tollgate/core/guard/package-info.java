/**
 * Endpoint guards at run time: {@link dev.tollgate.core.guard.GuardedRoute} puts an endpoint's guards (JWT
 * validation, rate limits) in front of its handler, as KrakenD's middlewares wrap its endpoint handler, and answers
 * their rejections itself. Depends on the exchange contract and the extension API only.
 */
package dev.tollgate.core.guard;
