package dev.tollgate.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.auth.token.AccessToken;
import dev.tollgate.auth.token.RetryBackoff;
import dev.tollgate.auth.token.TokenHolder;
import dev.tollgate.auth.token.TokenResponse;
import dev.tollgate.auth.token.TokenScheduler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientCredentialsHandlerTest {
    private final AtomicLong now = new AtomicLong(1);
    private final List<CompletableFuture<TokenResponse>> fetches = new CopyOnWriteArrayList<>();
    private final TokenHolder holder = new TokenHolder("http://idp.test/token", "c", Duration.ofSeconds(10),
            now::get, RetryBackoff.withRandomJitter());

    private static FullHttpRequest request() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/backend");
    }

    @Test
    void withoutATokenTheClientsAuthorizationNeverReachesTheBackend() {
        // The gate normally guarantees a token; if none exists, the client's own credentials must not pass instead.
        EmbeddedChannel channel = new EmbeddedChannel(new ClientCredentialsHandler(holder));
        FullHttpRequest req = request();
        req.headers().add("Authorization", "Basic client-sent");
        assertTrue(channel.writeOutbound(req));
        FullHttpRequest sent = channel.readOutbound();
        assertFalse(sent.headers().contains("Authorization"));
        sent.release();
        assertEquals(0, holder.stats().stamped());
        assertFalse(channel.finish());
    }

    @Test
    void stampsTheCurrentTokenOverwritingAnyAuthorization() {
        AccessToken token = AccessToken.bearer("abc");
        holder.publish(token);
        EmbeddedChannel channel = new EmbeddedChannel(new ClientCredentialsHandler(holder));
        FullHttpRequest req = request();
        req.headers().add("Authorization", "Basic client-sent").add("authorization", "another");
        assertTrue(channel.writeOutbound(req));
        FullHttpRequest sent = channel.readOutbound();
        assertEquals(List.of("Bearer abc"), sent.headers().getAll("Authorization"));
        CharSequence stamped = null;
        for (var it = sent.headers().iteratorCharSequence(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getKey().toString().equalsIgnoreCase("Authorization")) {
                stamped = entry.getValue();
            }
        }
        assertSame(token.authorization(), stamped, "the precomputed value, no per-request copy");
        sent.release();
        assertEquals(1, holder.stats().stamped());
        assertFalse(channel.finish());
    }

    @Test
    void backend401MarksTheStampedTokenStaleAndPassesThrough() {
        holder.start(() -> {
            CompletableFuture<TokenResponse> f = new CompletableFuture<>();
            fetches.add(f);
            return f;
        }, (task, delay) -> TokenScheduler.Cancellable.NONE);
        fetches.get(0).complete(new TokenResponse("t1", "bearer", 3600));
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));

        EmbeddedChannel channel = new EmbeddedChannel(new ClientCredentialsHandler(holder));
        channel.writeOutbound(request());
        ((FullHttpRequest) channel.readOutbound()).release();
        FullHttpResponse unauthorized = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.UNAUTHORIZED);
        assertTrue(channel.writeInbound(unauthorized));
        FullHttpResponse passed = channel.readInbound();
        assertSame(unauthorized, passed, "the 401 itself passes through");
        passed.release();
        assertEquals(2, fetches.size(), "the 401 started one refresh");

        channel.writeInbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED));
        ((FullHttpResponse) channel.readInbound()).release();
        assertEquals(2, fetches.size(), "single-flight");
        fetches.get(1).complete(new TokenResponse("t2", "bearer", 3600));

        channel.writeOutbound(request());
        FullHttpRequest sent = channel.readOutbound();
        assertEquals("Bearer t2", sent.headers().get("Authorization"));
        sent.release();
        assertFalse(channel.finish());
    }

    @Test
    void withoutATokenTheRequestPassesUnstamped() {
        EmbeddedChannel channel = new EmbeddedChannel(new ClientCredentialsHandler(holder));
        channel.writeOutbound(request());
        FullHttpRequest sent = channel.readOutbound();
        assertNull(sent.headers().get("Authorization"));
        sent.release();
        channel.writeInbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED));
        ((FullHttpResponse) channel.readInbound()).release();
        assertFalse(channel.finish());
    }
}
