package dev.tollgate.auth.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/** TLS for token requests: the JDK provider and trust store, with hostname verification (and SNI from the host). */
public final class TokenTls {
    private TokenTls() {
    }

    public static SslContext defaultContext() {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context for token requests", e);
        }
    }
}
