/**
 * The composition root: {@link dev.tollgate.core.gateway.Gateway} assembles one running gateway from a loaded
 * config (routes, guards, backend pools, resolver, TLS, extensions), starts the listening side of
 * {@code core.server} and drains it at shutdown. Nothing depends on this package but the command line
 * (Netty's {@code HexDumpProxy} main, Zuul's {@code BaseServerStartup}, Armeria's {@code ServerBuilder}).
 */
package dev.tollgate.core.gateway;
