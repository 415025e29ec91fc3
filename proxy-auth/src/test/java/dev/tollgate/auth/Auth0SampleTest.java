package dev.tollgate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.client.ScriptedTokenServer;
import dev.tollgate.auth.client.ScriptedTokenServer.Reply;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode.JsonObject;
import dev.tollgate.core.config.json.JsonTreeReader;
import dev.tollgate.core.extension.BackendDecorator;
import dev.tollgate.core.extension.BackendGate;
import dev.tollgate.core.extension.GateRejection;
import dev.tollgate.core.modifier.MartianConfig;
import dev.tollgate.core.modifier.MartianExtension;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The seed's Auth0 example through both extensions in the lead's registration order: credentials in the form body
 * via endpoint_params, the martian Accept header on the backend request (never on the token request), and the
 * stamped Authorization winning over a modifier that sets the same header.
 */
class Auth0SampleTest {

    @Test
    void auth0ExampleWorksWithBothExtensions() throws Exception {
        var group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ScriptedTokenServer idp = new ScriptedTokenServer(group, r -> Reply.token("auth0-token", 86400));
        ClientCredentialsExtension auth = new ClientCredentialsExtension();
        try {
            JsonObject extra = (JsonObject) JsonTreeReader.read("""
                    {"auth/client-credentials": {
                       "client_id": "YOUR-CLIENT-ID", "client_secret": "YOUR-CLIENT-SECRET",
                       "token_url": "%s",
                       "endpoint_params": {"client_id": ["YOUR-CLIENT-ID"], "client_secret": ["YOUR-CLIENT-SECRET"],
                                           "audience": ["YOUR-AUDIENCE"]}},
                     "modifier/martian": {"fifo.Group": {"scope": ["request", "response"], "aggregateErrors": false,
                       "modifiers": [
                         {"header.Modifier": {"scope": ["request"], "name": "Accept", "value": "application/json"}},
                         {"header.Modifier": {"scope": ["request"], "name": "Authorization", "value": "spoof"}}]}}}
                    """.formatted(idp.url("/oauth/token")));
            ConfigProblems problems = new ConfigProblems();
            JsonPath at = JsonPath.ROOT.key("extra_config");
            ClientCredentialsConfig cc = auth.parse(extra.get("auth/client-credentials"),
                    at.key("auth/client-credentials"), problems);
            MartianExtension martian = new MartianExtension();
            MartianConfig mc = martian.parse(extra.get("modifier/martian"), at.key("modifier/martian"), problems);
            assertEquals(List.of(), problems.errors());

            List<BackendDecorator> decorators = List.of(auth.decorate(null, null, cc),
                    martian.decorate(null, null, mc));
            auth.start(group, NioSocketChannel.class);

            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            decorators.get(0).gate().await(group.next(), new BackendGate.Listener() {
                @Override
                public void onReady() {
                    ready.complete(true);
                }

                @Override
                public void onRejected(GateRejection rejection) {
                    ready.complete(false);
                }
            });
            assertTrue(ready.get(20, TimeUnit.SECONDS));

            ScriptedTokenServer.Recorded tokenRequest = idp.take();
            assertTrue(tokenRequest.headers().get("Authorization").startsWith("Basic "), "auto tries Basic first");
            assertEquals("audience=YOUR-AUDIENCE&client_id=YOUR-CLIENT-ID&client_secret=YOUR-CLIENT-SECRET"
                    + "&grant_type=client_credentials", tokenRequest.body());
            assertEquals("application/json", tokenRequest.headers().get("Accept"));

            EmbeddedChannel backend = new EmbeddedChannel();
            decorators.forEach(d -> d.initChannel(backend.pipeline()));
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/backend");
            req.headers().set("Accept", "text/html");
            backend.writeOutbound(req);
            FullHttpRequest sent = backend.readOutbound();
            assertEquals("application/json", sent.headers().get("Accept"));
            assertEquals(List.of("Bearer auth0-token"), sent.headers().getAll("Authorization"));
            sent.release();
            assertFalse(backend.finish());
        } finally {
            auth.close();
            idp.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
