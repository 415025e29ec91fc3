package dev.tollgate.core.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.CorsConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CORS handler on an EmbeddedChannel: decisions follow requests in order, 100 Continue is left alone. */
class CorsPipelineTest {
    private static final CorsPolicy POLICY = new CorsPolicy(new CorsConfig(List.of("https://a.example"), List.of(),
            List.of("*"), List.of(), false, false, false, 204, Duration.ZERO, false));

    @Test
    void pipelinedAnswersGetTheirOwnRequestsDecision() {
        List<FullHttpRequest> requests = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(1024),
                new CorsHandler(POLICY), new io.netty.channel.ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                        requests.add((FullHttpRequest) msg);
                    }
                });
        ch.writeInbound(Unpooled.copiedBuffer("GET /1 HTTP/1.1\r\nHost: x\r\nOrigin: https://a.example\r\n\r\n"
                + "GET /2 HTTP/1.1\r\nHost: x\r\nOrigin: https://b.example\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: x\r\nOrigin: https://a.example\r\n\r\n", StandardCharsets.US_ASCII));
        assertEquals(3, requests.size());
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        for (int i = 0; i < 3; i++) {
            ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        }
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        String[] answers = out.toString().split("HTTP/1.1 ");
        assertFalse(answers[1].contains("access-control"), "100 Continue: " + answers[1]);
        assertTrue(answers[2].contains("Access-Control-Allow-Origin: https://a.example"), answers[2]);
        assertFalse(answers[3].contains("Access-Control-Allow-Origin"), answers[3]);
        assertTrue(answers[3].contains("Vary: Origin"), answers[3]);
        assertTrue(answers[4].contains("Access-Control-Allow-Origin: https://a.example"), answers[4]);
        requests.forEach(FullHttpRequest::release);
        ch.finishAndReleaseAll();
    }
}
