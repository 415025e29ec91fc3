package dev.tollgate.bench.jmh;

import dev.tollgate.core.backend.BackendHost;
import dev.tollgate.core.backend.BackendRequestBuilder;
import dev.tollgate.core.config.InputFilter;
import dev.tollgate.core.routing.PathTemplate;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Set;

/**
 * The typical endpoint and client request every hot-path benchmark uses, so their figures add up: two path
 * parameters, a {@code url_pattern} with its own query, five allowed headers and three allowed query strings, and a
 * browser-like client request with twelve headers and five query parameters (two of them not allowed).
 */
final class BackendRequests {
    static final String ENDPOINT = "/api/customers/{customer}/orders/{order}";
    static final String URL_PATTERN = "/v1/customers/{customer}/orders/{order}?view=full";
    static final String CLIENT_PATH = "/api/customers/c-1234/orders/98765";
    static final String CLIENT_URI = CLIENT_PATH + "?page=2&limit=50&sort=date&utm_source=newsletter&debug=1";
    static final String[] PARAMS = {"c-1234", "98765"};
    static final String CLIENT_IP = "203.0.113.7";
    static final BackendHost HOST = BackendHost.parse("http://orders.internal:8080");
    static final InputFilter HEADERS = new InputFilter(false,
            Set.of("accept", "accept-encoding", "accept-language", "content-type", "x-request-id"));
    static final InputFilter QUERY = new InputFilter(false, Set.of("page", "limit", "sort"));

    private BackendRequests() {
    }

    static BackendRequestBuilder builder() {
        return new BackendRequestBuilder(PathTemplate.parse(ENDPOINT), URL_PATTERN, "GET", HEADERS, QUERY);
    }

    static HttpRequest client() {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        headers.add("Host", "api.example.com")
                .add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")
                .add("Accept", "application/json")
                .add("Accept-Encoding", "gzip, deflate, br")
                .add("Accept-Language", "en-GB,en;q=0.7")
                .add("Connection", "keep-alive")
                .add("Cookie", "session=5f2b8c1e9a; theme=dark")
                .add("Referer", "https://shop.example.com/account/orders")
                .add("X-Request-Id", "7b9c1f0e-3d7a-4c55-9a61-2f7d0c8e4b12")
                .add("Sec-Fetch-Mode", "cors")
                .add("Cache-Control", "no-cache")
                .add("Authorization", "Bearer end-user-token-not-forwarded");
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, CLIENT_URI, headers);
    }

    /** The backend request Tollgate builds for {@link #client()}: eight headers, ready for stamping. */
    static HttpRequest typical() {
        return builder().build(client(), PARAMS, CLIENT_IP, HOST);
    }
}
