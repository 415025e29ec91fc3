/**
 * HTTP protocol rules shared by the backend path and the token client: which headers are hop-by-hop, which
 * statuses redirect and what a redirect may keep. Pure functions over Netty's HTTP types; a leaf.
 */
package dev.tollgate.core.http;
