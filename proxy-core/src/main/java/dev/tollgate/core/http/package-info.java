/**
 * HTTP protocol rules shared by the backend path and the token client: which headers are hop-by-hop, which
 * statuses redirect and what a redirect may keep (pure functions over Netty's HTTP types), and the connection idle
 * timer both sides of the proxy use. A leaf.
 */
package dev.tollgate.core.http;
