package dev.tollgate.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tollgate.core.routing.PathTemplate;
import dev.tollgate.core.routing.Router;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

class TrailingSlashRedirectTest {
    private final TrailingSlashRedirect redirects = new TrailingSlashRedirect(Router.<String>builder()
            .add("GET", PathTemplate.parse("/a/{x}"), "a")
            .add("GET", PathTemplate.parse("/b/"), "b")
            .add("GET", PathTemplate.parse("/{x}"), "any")
            .build());

    private String location(String path, String uri) {
        FullHttpResponse r = redirects.redirect(HttpMethod.GET, path, uri);
        try {
            return r == null ? null : r.status().code() + " " + r.headers().get("Location");
        } finally {
            if (r != null) {
                r.release();
            }
        }
    }

    @Test
    void addsOrRemovesTheTrailingSlashAndKeepsTheQuery() {
        assertEquals("301 /a/1?q=1", location("/a/1/", "/a/1/?q=1"));
        assertEquals("301 /b/", location("/b", "/b"));
        assertNull(location("/c/d/", "/c/d/"));
        assertNull(location("/", "/"));
    }

    @Test
    void neverRedirectsToAnotherSite() {
        assertNull(location("//evil.example/", "//evil.example/"), "a Location of //host is another site");
    }
}
