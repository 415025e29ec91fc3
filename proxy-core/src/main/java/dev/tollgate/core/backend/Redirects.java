package dev.tollgate.core.backend;

import dev.tollgate.core.http.RedirectRules;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * KrakenD follows a backend's redirects with Go's {@code http.Client}; these are that client's rules, so a
 * Tollgate user sees the same final response:
 * <ul>
 *   <li>301, 302 and 303 are followed with GET (HEAD stays HEAD) and no body;</li>
 *   <li>307 and 308 keep the method; Go cannot send a streamed body twice, so after a request that had one the
 *       307/308 goes to the client as it is (Tollgate streams bodies too);</li>
 *   <li>a redirect without {@code Location} is the response; more than {@value #MAX} is an error;</li>
 *   <li>each hop's request is the one Tollgate builds from the client's (its filtered headers, X-Forwarded-*,
 *       {@code Host} of the new target), with the hop's method and URI.</li>
 * </ul>
 * Where Tollgate is stricter than KrakenD: a target outside the backend's own host list gets neither an
 * {@code Authorization} header nor anything the backend's decorators add (KrakenD re-stamps the
 * client-credentials token on every hop, sending it to whatever host a redirect names, krakend-ce#889, and its
 * martian headers travel along), and it gets cookies only on the same domain, as Go decides.
 */
final class Redirects {
    static final int MAX = 10;

    private Redirects() {
    }

    /**
     * Where the next request goes and how.
     *
     * @param hostIndex the target's index in the backend's host list (its pool and decorators apply), or -1 for a
     *                  host outside it (a one-off connection without decorators)
     * @param method    GET after 301/302/303 (HEAD stays HEAD), the same method after 307/308
     * @param uri       origin-form path and query of the target
     */
    record Hop(BackendHost target, int hostIndex, HttpMethod method, String uri) {
    }

    /**
     * The hop that follows {@code response}, or null when the response itself is the answer.
     *
     * @param sent     the request head {@code response} answers
     * @param sentTo   where it went
     * @param bodySent whether it had body bytes
     * @param hosts    the backend's host list
     * @throws IllegalArgumentException when {@code Location} cannot be followed (the message says why)
     */
    static Hop next(HttpResponse response, HttpRequest sent, BackendHost sentTo, boolean bodySent,
                    BackendHost[] hosts) {
        int status = response.status().code();
        String location = response.headers().get(HttpHeaderNames.LOCATION);
        if (!RedirectRules.isRedirect(status) || location == null || location.isEmpty()) {
            return null;
        }
        boolean keepsMethod = RedirectRules.keepsMethod(status);
        if (keepsMethod && bodySent) {
            return null;
        }
        URI target = resolve(sentTo, sent.uri(), location);
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        BackendHost host = BackendHost.parse(scheme + "://" + authority(target));
        HttpMethod method = sent.method();
        if (!keepsMethod && !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            method = HttpMethod.GET;
        }
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        String uri = target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
        return new Hop(host, indexOf(hosts, host), method, uri);
    }

    /**
     * Turns {@code built}, the backend request as Tollgate builds it from the client's for the hop's target
     * (before any decorator touched it), into the hop's request, in place: method, URI, no body, and for a host
     * outside the backend's list no {@code Authorization}, and no cookies unless it is the same domain as
     * {@code first}, where the exchange's first request went (Go's rule).
     */
    static HttpRequest request(Hop hop, HttpRequest built, BackendHost first) {
        built.setMethod(hop.method());
        built.setUri(hop.uri());
        HttpHeaders headers = built.headers();
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        HttpMethod m = hop.method();
        if (m.equals(HttpMethod.POST) || m.equals(HttpMethod.PUT) || m.equals(HttpMethod.PATCH)) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, "0"); // Go: a bodiless POST says so
        } else {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        }
        if (hop.hostIndex() < 0) {
            headers.remove(HttpHeaderNames.AUTHORIZATION);
            if (!RedirectRules.sameSite(first.host(), hop.target().host())) {
                headers.remove(HttpHeaderNames.COOKIE);
                headers.remove("Cookie2");
            }
        }
        return built;
    }

    private static URI resolve(BackendHost base, String uri, String location) {
        URI target;
        try {
            target = new URI(base + (uri.startsWith("/") ? uri : "/" + uri)).resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to parse Location header \""
                    + RedirectRules.shown(location) + "\"");
        }
        String scheme = target.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("redirect to an unsupported protocol scheme \"" + scheme + "\"");
        }
        if (target.getHost() == null) {
            throw new IllegalArgumentException("redirect to \"" + RedirectRules.shown(location) + "\" names no host");
        }
        return target;
    }

    /** Host and port without any user info: credentials in a Location are not sent on. */
    private static String authority(URI target) {
        String host = target.getHost();
        return target.getPort() < 0 ? host : host + ":" + target.getPort();
    }

    private static int indexOf(BackendHost[] hosts, BackendHost host) {
        for (int i = 0; i < hosts.length; i++) {
            BackendHost h = hosts[i];
            if (h.tls() == host.tls() && h.port() == host.port() && h.host().equalsIgnoreCase(host.host())) {
                return i;
            }
        }
        return -1;
    }
}
