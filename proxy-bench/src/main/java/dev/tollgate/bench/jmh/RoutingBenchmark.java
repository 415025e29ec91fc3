package dev.tollgate.bench.jmh;

import dev.tollgate.core.routing.PathTemplate;
import dev.tollgate.core.routing.RouteMatch;
import dev.tollgate.core.routing.Router;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing a request path to its endpoint and binding its parameters, in a router holding a typical gateway's 24
 * endpoints (static and templated, GET and POST). {@code templated} matches the two-parameter endpoint of
 * {@link BackendRequests} (allocates the two parameter strings and the match); {@code staticPath} is one hash
 * lookup; {@code notFound} tries every template.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RoutingBenchmark {
    private static final String[] ENDPOINTS = {
        "/api/health", "/api/version", "/api/products", "/api/products/{sku}", "/api/products/{sku}/reviews",
        "/api/products/{sku}/reviews/{review}", "/api/categories", "/api/categories/{category}/products",
        "/api/customers", "/api/customers/{customer}", "/api/customers/{customer}/orders",
        BackendRequests.ENDPOINT, "/api/customers/{customer}/orders/{order}/items",
        "/api/customers/{customer}/addresses", "/api/customers/{customer}/addresses/{address}",
        "/api/cart", "/api/cart/items/{item}", "/api/checkout", "/api/search", "/api/search/suggest",
        "/api/stores/{store}", "/api/stores/{store}/stock/{sku}", "/api/promotions", "/api/promotions/{code}",
    };

    private Router<String> router;

    @Setup
    public void setUp() {
        Router.Builder<String> builder = Router.builder();
        for (String endpoint : ENDPOINTS) {
            PathTemplate template = PathTemplate.parse(endpoint);
            builder.add("GET", template, "GET " + endpoint);
            if (endpoint.endsWith("s") || endpoint.endsWith("}")) {
                builder.add("POST", template, "POST " + endpoint);
            }
        }
        router = builder.build();
    }

    @Benchmark
    public RouteMatch<String> templated() {
        return router.match("GET", BackendRequests.CLIENT_PATH);
    }

    @Benchmark
    public RouteMatch<String> staticPath() {
        return router.match("GET", "/api/search");
    }

    @Benchmark
    public RouteMatch<String> notFound() {
        return router.match("GET", "/api/customers/c-1234/wishlist/7");
    }
}
