package dev.tollgate.auth;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.token.AccessToken;
import dev.tollgate.auth.token.StampCounter;
import dev.tollgate.auth.token.TokenHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Stamps {@code Authorization} on every request of a backend connection from the shared {@link TokenHolder},
 * overwriting whatever the client or a header modifier set, and reports a backend 401 so the holder replaces that
 * token (single-flight). The 401 itself passes through unchanged.
 *
 * <p>Belongs in the backend pipeline after the HTTP codec, one instance per connection (it remembers the token of
 * the request in flight). Hot path: one volatile read, one header set of a precomputed value, no lock.
 */
public final class ClientCredentialsHandler extends ChannelDuplexHandler {
    private final TokenHolder holder;
    /** The token on the last request written; loop-confined. */
    private AccessToken stamped;
    /** This connection's event loop's counter, found once when the handler is added. */
    private StampCounter counter;

    public ClientCredentialsHandler(TokenHolder holder) {
        this.holder = requireNonNull(holder, "holder");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        counter = holder.stampCounter(ctx.executor());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpRequest request) {
            AccessToken token = holder.current();
            if (token != null) {
                request.headers().set(HttpHeaderNames.AUTHORIZATION, token.authorization());
                counter.increment();
            } else {
                // "Always comes from the token": without one, the client's own credentials must not pass instead.
                request.headers().remove(HttpHeaderNames.AUTHORIZATION);
            }
            stamped = token;
        }
        ctx.write(msg, promise);
    }

    /** The token on the last request written on this connection, or null; read on its event loop. */
    AccessToken stamped() {
        return stamped;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpResponse response
                && response.status().code() == HttpResponseStatus.UNAUTHORIZED.code() && stamped != null) {
            holder.markStale(stamped);
        }
        ctx.fireChannelRead(msg);
    }
}
