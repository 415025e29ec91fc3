package dev.tollgate.core.backend;

import static dev.tollgate.core.testing.TestConfigs.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.core.config.InputFilter;
import dev.tollgate.core.routing.PathTemplate;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendRequestBuilderTest {
    private static final BackendHost HOST = BackendHost.parse("http://backend.internal:8000");
    private static final PathTemplate ENDPOINT = PathTemplate.parse("/users/{id}/posts/{post}");

    private static HttpRequest client(String uri, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        r.headers().set("Host", "api.example.com");
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    @Test
    void substitutesParametersRawAndAppendsSortedAllowedQuery() {
        BackendRequestBuilder b = new BackendRequestBuilder(ENDPOINT, "/v1/{id}/p/{post}?fixed=1", "GET",
                InputFilter.NONE, names("b", "a"));
        String uri = b.uri("/users/u%201/posts/7?z=9&b=2&a=x%20y&a=3", new String[] {"u%201", "7"});
        assertEquals("/v1/u%201/p/7?fixed=1&a=x+y&a=3&b=2", uri);
        assertEquals("/v1/5/p/6?fixed=1", b.uri("/users/5/posts/6", new String[] {"5", "6"}));
    }

    @Test
    void queryForwardingDefaultsToNoneAndStarForwardsAll() {
        BackendRequestBuilder none = new BackendRequestBuilder(ENDPOINT, "/x", "GET", InputFilter.NONE,
                InputFilter.NONE);
        assertEquals("/x", none.uri("/users/1/posts/2?a=1", new String[] {"1", "2"}));
        BackendRequestBuilder all = new BackendRequestBuilder(ENDPOINT, "x", "GET", InputFilter.NONE,
                InputFilter.ALL);
        assertEquals("/x?a=1&b=%C3%A9", all.uri("/users/1/posts/2?b=%C3%A9&a=1", new String[] {"1", "2"}));
    }

    @Test
    void unknownPlaceholderIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BackendRequestBuilder(ENDPOINT, "/{nope}", "GET",
                InputFilter.NONE, InputFilter.NONE));
    }

    @Test
    void zeroTrustHeadersAndForwardedHeaders() {
        BackendRequestBuilder b = new BackendRequestBuilder(ENDPOINT, "/x", "POST", names("content-type", "x-a"),
                InputFilter.NONE);
        HttpRequest out = b.build(client("/users/1/posts/2", "content-type", "text/plain", "X-A", "1",
                "X-B", "2", "User-Agent", "curl", "X-Forwarded-For", "9.9.9.9", "Content-Length", "3"),
                new String[] {"1", "2"}, "10.0.0.5", HOST);
        assertEquals(HttpMethod.POST, out.method());
        assertEquals("text/plain", out.headers().get("Content-Type"));
        assertEquals("1", out.headers().get("x-a"));
        assertNull(out.headers().get("X-B"));
        assertEquals("backend.internal:8000", out.headers().get("Host"));
        assertEquals("10.0.0.5", out.headers().get("X-Forwarded-For"));
        assertEquals("api.example.com", out.headers().get("X-Forwarded-Host"));
        assertEquals("Tollgate/" + BackendRequestBuilder.VERSION, out.headers().get("User-Agent"));
        assertEquals("3", out.headers().get("Content-Length"), "body framing always passes");
    }

    @Test
    void allowedXffIsAppendedToAndAllowedUserAgentPasses() {
        BackendRequestBuilder b = new BackendRequestBuilder(ENDPOINT, "/x", "GET",
                names("x-forwarded-for", "user-agent"), InputFilter.NONE);
        HttpRequest out = b.build(client("/u", "X-Forwarded-For", "9.9.9.9", "User-Agent", "curl/8"),
                new String[] {"1", "2"}, "10.0.0.5", HOST);
        assertEquals("9.9.9.9, 10.0.0.5", out.headers().get("X-Forwarded-For"));
        assertEquals("curl/8", out.headers().get("User-Agent"));
        assertEquals("Tollgate/" + BackendRequestBuilder.VERSION, out.headers().get("X-Forwarded-Via"));
    }

    @Test
    void wildcardDropsHopByHopIncludingConnectionListed() {
        BackendRequestBuilder b = new BackendRequestBuilder(ENDPOINT, "/x", "GET", InputFilter.ALL,
                InputFilter.NONE);
        HttpRequest out = b.build(client("/u", "Connection", "keep-alive, X-Secret-Hop", "X-Secret-Hop", "1",
                "Keep-Alive", "timeout=5", "Proxy-Authorization", "Basic x", "TE", "trailers", "Upgrade", "h2c",
                "Trailer", "X", "Transfer-Encoding", "chunked", "X-End", "e", "Expect", "100-continue"),
                new String[] {"1", "2"}, "10.0.0.5", HOST);
        for (String h : List.of("Connection", "X-Secret-Hop", "Keep-Alive", "Proxy-Authorization", "TE", "Upgrade",
                "Trailer", "Expect")) {
            assertFalse(out.headers().contains(h), h);
        }
        assertEquals("e", out.headers().get("X-End"));
        assertEquals("chunked", out.headers().get("Transfer-Encoding"), "chunked framing re-applied");
        assertEquals("backend.internal:8000", out.headers().get("Host"));
        assertTrue(out.headers().getAll("Host").size() == 1);
    }

    @Test
    void namedHeaderListedInConnectionIsStillHopByHop() {
        BackendRequestBuilder b = new BackendRequestBuilder(ENDPOINT, "/x", "GET", names("x-hop", "x-a"),
                InputFilter.NONE);
        HttpRequest out = b.build(client("/u", "Connection", "X-Hop", "X-Hop", "1", "X-A", "2"),
                new String[] {"1", "2"}, "10.0.0.5", HOST);
        assertFalse(out.headers().contains("X-Hop"));
        assertEquals("2", out.headers().get("X-A"));
    }

    @Test
    void defaultPortIsLeftOutOfHost() {
        assertEquals("api.example.com", BackendHost.parse("https://api.example.com").hostHeader().toString());
        assertEquals(443, BackendHost.parse("https://api.example.com").port());
        assertThrows(IllegalArgumentException.class, () -> BackendHost.parse("ftp://x"));
    }

    @Test
    void aBackendsOwnInputListsNarrowTheEndpointsAsLuraDoes() {
        // endpoint lets X-A, X-B and User-Agent through; the backend's own list keeps X-A and User-Agent only, and
        // like lura's NewFilterHeadersMiddleware it also drops the X-Forwarded-* headers the gateway added
        BackendRequestBuilder b = new BackendRequestBuilder(ENDPOINT, "/x", "GET", names("x-a", "x-b", "user-agent"),
                names("q", "r"), names("x-a", "user-agent", "x-c"), names("r", "s"));
        HttpRequest out = b.build(client("/users/1/posts/2", "X-A", "1", "X-B", "2", "X-C", "3",
                "User-Agent", "curl"), new String[] {"1", "2"}, "10.0.0.5", HOST);
        assertEquals("1", out.headers().get("X-A"));
        assertNull(out.headers().get("X-B"), "not in the backend's list");
        assertNull(out.headers().get("X-C"), "a backend list never widens the endpoint's");
        assertEquals("curl", out.headers().get("User-Agent"));
        assertNull(out.headers().get("X-Forwarded-For"));
        assertNull(out.headers().get("X-Forwarded-Host"));
        assertNull(out.headers().get("X-Forwarded-Via"));
        assertEquals("/x?r=2", b.uri("/users/1/posts/2?q=1&r=2&s=3", new String[] {"1", "2"}));
    }

    @Test
    void aBackendListNamingTheForwardedHeadersKeepsThem() {
        BackendRequestBuilder b = new BackendRequestBuilder(ENDPOINT, "/x", "GET", InputFilter.ALL, InputFilter.ALL,
                names("x-forwarded-for", "x-forwarded-host"), InputFilter.ALL);
        HttpRequest out = b.build(client("/users/1/posts/2", "X-A", "1"), new String[] {"1", "2"}, "10.0.0.5",
                HOST);
        assertNull(out.headers().get("X-A"));
        assertEquals("10.0.0.5", out.headers().get("X-Forwarded-For"));
        assertEquals("api.example.com", out.headers().get("X-Forwarded-Host"));
        assertEquals("Tollgate/" + BackendRequestBuilder.VERSION, out.headers().get("User-Agent"));
    }
}
