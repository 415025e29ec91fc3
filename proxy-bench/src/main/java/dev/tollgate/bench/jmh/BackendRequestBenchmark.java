package dev.tollgate.bench.jmh;

import dev.tollgate.auth.ClientCredentialsHandler;
import dev.tollgate.auth.token.AccessToken;
import dev.tollgate.auth.token.RetryBackoff;
import dev.tollgate.auth.token.TokenClock;
import dev.tollgate.auth.token.TokenHolder;
import dev.tollgate.core.backend.BackendRequestBuilder;
import dev.tollgate.core.routing.PathTemplate;
import dev.tollgate.core.routing.RouteMatch;
import dev.tollgate.core.routing.Router;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The proxy's per-request work between the client's request head and the backend's, for the typical endpoint of
 * {@link BackendRequests}:
 * <ul>
 *   <li>{@code uri}: backend URI from the {@code url_pattern}, parameters substituted, allowed query strings
 *       filtered, sorted and re-encoded;</li>
 *   <li>{@code build}: {@code uri} plus filtering and copying the headers (hop-by-hop dropped, X-Forwarded-*,
 *       Host, User-Agent): the whole backend request head;</li>
 *   <li>{@code transform}: the whole backend-request transform of one request: route, bind, build, stamp
 *       {@code Authorization} with {@link ClientCredentialsHandler}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BackendRequestBenchmark {
    private BackendRequestBuilder builder;
    private HttpRequest client;
    private Router<BackendRequestBuilder> router;
    private EmbeddedChannel channel;
    private ClientCredentialsHandler stamping;
    private ChannelHandlerContext ctx;
    private ChannelPromise promise;

    @Setup
    public void setUp() {
        builder = BackendRequests.builder();
        client = BackendRequests.client();
        router = Router.<BackendRequestBuilder>builder()
                .add("GET", PathTemplate.parse("/api/customers/{customer}"), BackendRequests.builder())
                .add("GET", PathTemplate.parse("/api/customers/{customer}/orders"), BackendRequests.builder())
                .add("GET", PathTemplate.parse(BackendRequests.ENDPOINT), builder)
                .build();
        TokenHolder holder = new TokenHolder("http://127.0.0.1:9/token", "bench", Duration.ofSeconds(10),
                TokenClock.SYSTEM, RetryBackoff.withRandomJitter());
        holder.publish(AccessToken.bearer(JwtLike.token(1)));
        stamping = new ClientCredentialsHandler(holder);
        channel = new EmbeddedChannel(new ClientCredentialsHandlerBenchmark.DropWrites(), stamping);
        ctx = channel.pipeline().context(stamping);
        promise = channel.voidPromise();
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public String uri() {
        return builder.uri(client.uri(), BackendRequests.PARAMS);
    }

    @Benchmark
    public HttpRequest build() {
        return builder.build(client, BackendRequests.PARAMS, BackendRequests.CLIENT_IP, BackendRequests.HOST);
    }

    @Benchmark
    public HttpRequest transform() throws Exception {
        String uri = client.uri();
        int q = uri.indexOf('?');
        RouteMatch<BackendRequestBuilder> match = router.match(client.method().name(),
                q < 0 ? uri : uri.substring(0, q));
        HttpRequest backend = match.target().build(client, match.params(), BackendRequests.CLIENT_IP,
                BackendRequests.HOST);
        stamping.write(ctx, backend, promise);
        return backend;
    }
}
