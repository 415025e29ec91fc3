package dev.tollgate.core.testing;

import dev.tollgate.core.config.BackendConfig;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendExtension;
import dev.tollgate.core.extension.BackendGate;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A backend extension for tests: a scriptable gate and a handler that stamps a header. */
public final class TestExtension implements BackendExtension<String> {
    public static final String NAMESPACE = "test/ext";

    private final BackendGate gate;
    public final List<String> events = new CopyOnWriteArrayList<>();

    public TestExtension(BackendGate gate) {
        this.gate = gate;
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public String parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        return "parsed";
    }

    @Override
    public BackendDecorator decorate(EndpointConfig endpoint, BackendConfig backend, String config) {
        events.add("decorate " + endpoint.path() + " " + config);
        return new BackendDecorator() {
            @Override
            public void initChannel(ChannelPipeline pipeline) {
                pipeline.addLast("test-stamp", new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                        if (msg instanceof HttpRequest r) {
                            r.headers().set("X-Stamped", config);
                        }
                        ctx.write(msg, promise);
                    }
                });
            }

            @Override
            public BackendGate gate() {
                return gate;
            }
        };
    }

    @Override
    public void start(EventLoopGroup eventLoops, Class<? extends SocketChannel> socketChannelType) {
        events.add("start " + socketChannelType.getSimpleName());
    }

    @Override
    public void close() {
        events.add("close");
    }
}
