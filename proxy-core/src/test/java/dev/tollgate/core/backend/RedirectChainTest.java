package dev.tollgate.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** One exchange's walk through Go's redirect rules, without a channel. */
class RedirectChainTest {
    private static final BackendHost API = BackendHost.parse("http://api.internal:8080");
    private static final BackendHost OTHER = BackendHost.parse("http://api.internal:9090");
    private static final BackendHost[] HOSTS = {API, OTHER};

    private static HttpResponse redirect(int status, String location) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        if (location != null) {
            r.headers().set(HttpHeaderNames.LOCATION, location);
        }
        return r;
    }

    private static HttpRequest request(HttpMethod method, String uri) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        r.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer secret");
        r.headers().set(HttpHeaderNames.COOKIE, "session=1");
        return r;
    }

    @Test
    void beforeAnyHopTheBuiltRequestIsSentAsItIs() {
        RedirectChain chain = new RedirectChain(API);
        HttpRequest built = request(HttpMethod.GET, "/users");
        assertSame(built, chain.request(built));
        assertFalse(chain.pending());
        assertEquals(0, chain.followed());
    }

    @Test
    void aRedirectIsPendingUntilItsBodyIsReadThenItIsTheHopBeingSent() {
        RedirectChain chain = new RedirectChain(API);
        HttpRequest sent = request(HttpMethod.POST, "/users");
        assertTrue(chain.start(redirect(303, "/done?id=7"), sent, API, true, HOSTS));
        assertTrue(chain.pending());
        assertTrue(chain.pendingKeepAlive());

        Redirects.Hop hop = chain.follow();
        assertFalse(chain.pending());
        assertEquals(1, chain.followed());
        assertSame(API, HOSTS[hop.hostIndex()]);
        assertEquals(HttpMethod.GET, hop.method());

        HttpRequest next = chain.request(request(HttpMethod.POST, "/users"));
        assertEquals(HttpMethod.GET, next.method());
        assertEquals("/done?id=7", next.uri());
        assertEquals("Bearer secret", next.headers().get(HttpHeaderNames.AUTHORIZATION), "one of the backend's hosts");
    }

    @Test
    void aHopOutsideTheHostListLosesAuthorizationAndForeignCookies() {
        RedirectChain chain = new RedirectChain(API);
        assertTrue(chain.start(redirect(302, "http://elsewhere.example/x"), request(HttpMethod.GET, "/"), API, false,
                HOSTS));
        Redirects.Hop hop = chain.follow();
        assertEquals(-1, hop.hostIndex());
        HttpRequest next = chain.request(request(HttpMethod.GET, "/"));
        assertNull(next.headers().get(HttpHeaderNames.AUTHORIZATION));
        assertNull(next.headers().get(HttpHeaderNames.COOKIE));
    }

    @Test
    void theRedirectsConnectionIsReusedOnlyWhenItWasKeepAlive() {
        RedirectChain chain = new RedirectChain(API);
        HttpResponse closing = redirect(302, "/next");
        closing.headers().set(HttpHeaderNames.CONNECTION, "close");
        assertTrue(chain.start(closing, request(HttpMethod.GET, "/"), API, false, HOSTS));
        assertFalse(chain.pendingKeepAlive());
    }

    @Test
    void whatGoDoesNotFollowGoesToTheClient() {
        RedirectChain chain = new RedirectChain(API);
        assertFalse(chain.start(redirect(302, null), request(HttpMethod.GET, "/"), API, false, HOSTS));
        assertFalse(chain.start(redirect(307, "/again"), request(HttpMethod.PUT, "/"), API, true, HOSTS),
                "a streamed body cannot be sent twice");
        assertFalse(chain.pending());
    }

    @Test
    void theEleventhRedirectIsAnErrorThatSaysFromWhere() {
        RedirectChain chain = new RedirectChain(API);
        for (int i = 0; i < Redirects.MAX; i++) {
            assertTrue(chain.start(redirect(302, "/loop"), request(HttpMethod.GET, "/loop"), API, false, HOSTS));
            chain.follow();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chain.start(redirect(302, "/loop"), request(HttpMethod.GET, "/loop"), API, false, HOSTS));
        assertEquals("stopped after 10 redirects (last from http://api.internal:8080)", e.getMessage());
        assertFalse(chain.pending());
        assertFalse(chain.start(redirect(302, null), request(HttpMethod.GET, "/loop"), API, false, HOSTS),
                "a redirect without Location is still the response");
    }

    @Test
    void aLocationThatCannotBeFollowedSaysWhyWithTheStatusAndTheHost() {
        RedirectChain chain = new RedirectChain(API);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chain.start(redirect(301, "ftp://files.example/x"), request(HttpMethod.GET, "/"), OTHER, false,
                        HOSTS));
        assertEquals("301 from http://api.internal:9090: redirect to an unsupported protocol scheme \"ftp\"",
                e.getMessage());
        assertFalse(chain.pending());
    }
}
