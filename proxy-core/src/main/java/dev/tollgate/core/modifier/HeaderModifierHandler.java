package dev.tollgate.core.modifier;

import dev.tollgate.core.modifier.MartianConfig.HeaderSet;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Applies martian {@code header.Modifier}s ({@code Header.Set}) to the backend request on its way out and to the
 * backend response on its way in. Belongs in the backend pipeline after the HTTP codec; it never sees the token
 * request, which has its own client. Names and values are turned into {@link AsciiString}s once; stateless, so one
 * instance serves every connection of a backend.
 */
@Sharable
public final class HeaderModifierHandler extends ChannelDuplexHandler {
    private final AsciiString[] requestNames;
    private final AsciiString[] requestValues;
    private final AsciiString[] responseNames;
    private final AsciiString[] responseValues;

    public HeaderModifierHandler(MartianConfig config) {
        requestNames = names(config.request());
        requestValues = values(config.request());
        responseNames = names(config.response());
        responseValues = values(config.response());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpRequest request) {
            apply(request.headers(), requestNames, requestValues);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpResponse response) {
            apply(response.headers(), responseNames, responseValues);
        }
        ctx.fireChannelRead(msg);
    }

    private static void apply(HttpHeaders headers, AsciiString[] names, AsciiString[] values) {
        for (int i = 0; i < names.length; i++) {
            headers.set(names[i], values[i]);
        }
    }

    private static AsciiString[] names(List<HeaderSet> sets) {
        return sets.stream().map(s -> AsciiString.cached(s.name())).toArray(AsciiString[]::new);
    }

    private static AsciiString[] values(List<HeaderSet> sets) {
        return sets.stream().map(s -> new AsciiString(s.value())).toArray(AsciiString[]::new);
    }
}
