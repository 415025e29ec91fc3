package dev.tollgate.core.exchange;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/** What an exchange may use of its client connection. All methods are called on the connection's event loop. */
public interface ClientConnection {

    /** Write the response here: it passes the keep-alive handler and the HTTP codec. */
    ChannelHandlerContext ctx();

    Channel channel();

    /** The client's IP address as text, for {@code X-Forwarded-For}. */
    String clientIp();

    /**
     * True when the connection closes after this response (the gateway is shutting down, or the request body was
     * malformed): the response should carry {@code Connection: close}.
     */
    boolean draining();

    /**
     * The response is complete (or failed). Called once per exchange.
     *
     * @param close close the connection once what was written is flushed (the response is broken or unknown)
     */
    void exchangeDone(ClientExchange exchange, boolean close);

    /** The exchange's {@link ClientExchange#wantsContent()} may have changed: re-evaluate reading. */
    void readingChanged();

    /**
     * Writes a complete answer made here (not by a backend) and ends {@code exchange}: the answer says
     * {@code Connection: close} when the connection is draining or the request did not ask to keep it alive.
     */
    default void answer(ClientExchange exchange, FullHttpResponse response, boolean requestKeepAlive) {
        if (draining() || !requestKeepAlive) {
            HttpUtil.setKeepAlive(response, false);
        }
        ctx().writeAndFlush(response, ctx().voidPromise());
        exchangeDone(exchange, false);
    }
}
