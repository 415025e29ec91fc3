package dev.tollgate.core.backend;

import static java.util.Objects.requireNonNull;
import dev.tollgate.core.config.BackendConfig;
import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.InputFilter;
import dev.tollgate.core.http.HopByHop;
import dev.tollgate.core.routing.PathTemplate;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a client request into the backend request of one endpoint, as KrakenD's no-op pipe does: URL from the
 * {@code url_pattern} with parameters substituted, query and headers filtered by the endpoint's allow-lists,
 * hop-by-hop headers dropped, {@code X-Forwarded-For}/{@code X-Forwarded-Host} added, {@code Host} set to the
 * backend, {@code User-Agent} set to Tollgate's unless the client's passes the filter. Everything that depends only
 * on the config is computed once in the constructor; {@link #build} is the per-request part.
 */
public final class BackendRequestBuilder {
    public static final String VERSION = version();
    static final AsciiString USER_AGENT = AsciiString.cached("Tollgate/" + VERSION);
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_FORWARDED_VIA = AsciiString.cached("x-forwarded-via");

    /** Values were validated by the client-side decoder or come from config; validating again is waste. */
    private static final HttpHeadersFactory HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private final UrlTemplate url;
    private final QueryForwarding query;
    private final HttpMethod method;
    private final boolean allHeaders;
    /** Allowed header names (lower-case) when not all; looked up case-insensitively in the client's headers. */
    private final AsciiString[] allowedHeaders;
    private final boolean forwardsUserAgent;
    private final boolean forwardsXff;
    /** The backend's own input_headers let the gateway's X-Forwarded-For / -Host / -Via through (lura). */
    private final boolean addsXff;
    private final boolean addsXfh;
    private final boolean addsVia;
    private final boolean replayable;

    public BackendRequestBuilder(EndpointConfig endpoint, BackendConfig backend) {
        this(endpoint, backend, List.of());
    }

    /**
     * @param extraParams placeholders bound after the endpoint's path parameters (a sequential endpoint's
     *                    {@code {respN_x}}), in the order their values follow in {@link #build}'s {@code params}
     */
    public BackendRequestBuilder(EndpointConfig endpoint, BackendConfig backend, List<String> extraParams) {
        this(PathTemplate.parse(endpoint.path()), backend.urlPattern(), backend.method(),
                endpoint.inputHeaders(), endpoint.inputQueryStrings(), backend.inputHeaders(),
                backend.inputQueryStrings(), extraParams);
    }

    public BackendRequestBuilder(PathTemplate endpoint, String urlPattern, String method, InputFilter headers,
                                 InputFilter queryStrings) {
        this(endpoint, urlPattern, method, headers, queryStrings, InputFilter.ALL, InputFilter.ALL);
    }

    /**
     * @param backendHeaders      the backend's own input_headers: lura filters the request its router built (client
     *                            headers and the X-Forwarded-* and User-Agent it added) through them once more
     * @param backendQueryStrings the backend's own input_query_strings, narrowing {@code queryStrings}
     */
    public BackendRequestBuilder(PathTemplate endpoint, String urlPattern, String method, InputFilter headers,
                                 InputFilter queryStrings, InputFilter backendHeaders,
                                 InputFilter backendQueryStrings) {
        this(endpoint, urlPattern, method, headers, queryStrings, backendHeaders, backendQueryStrings, List.of());
    }

    private BackendRequestBuilder(PathTemplate endpoint, String urlPattern, String method, InputFilter headers,
                                  InputFilter queryStrings, InputFilter backendHeaders,
                                  InputFilter backendQueryStrings, List<String> extraParams) {
        requireNonNull(backendHeaders, "backendHeaders");
        requireNonNull(backendQueryStrings, "backendQueryStrings");
        this.addsXff = backendHeaders.allows("x-forwarded-for");
        this.addsXfh = backendHeaders.allows("x-forwarded-host");
        this.addsVia = backendHeaders.allows("x-forwarded-via");
        headers = requireNonNull(headers, "headers").and(backendHeaders);
        queryStrings = requireNonNull(queryStrings, "queryStrings").and(backendQueryStrings);
        this.url = UrlTemplate.compile(urlPattern, endpoint, extraParams);
        this.query = new QueryForwarding(queryStrings);
        this.method = HttpMethod.valueOf(requireNonNull(method, "method"));
        this.allHeaders = headers.all();
        this.allowedHeaders = headers.names().stream()
                .filter(n -> !HopByHop.isFixed(n) && !HttpHeaderNames.HOST.contentEqualsIgnoreCase(n))
                .map(n -> AsciiString.cached(n.toLowerCase(java.util.Locale.ROOT)))
                .toArray(AsciiString[]::new);
        this.forwardsUserAgent = headers.allows("user-agent");
        this.forwardsXff = headers.allows("x-forwarded-for");
        this.replayable = this.method.equals(HttpMethod.GET) || this.method.equals(HttpMethod.HEAD)
                || this.method.equals(HttpMethod.OPTIONS) || this.method.equals(HttpMethod.TRACE);
    }

    /**
     * Builds the backend request head. The body, if any, streams separately; its framing ({@code Content-Length}
     * or chunked) is carried over whatever the header filter says.
     *
     * @param client   the client's request head
     * @param params   path parameter values bound by the router
     * @param clientIp the client's address, for {@code X-Forwarded-For}
     * @param host     the backend host chosen for this request
     */
    public HttpRequest build(HttpRequest client, String[] params, String clientIp, BackendHost host) {
        String uri = uri(client.uri(), params);
        HttpHeaders in = client.headers();
        HttpHeaders out = HEADERS.newHeaders();
        if (allHeaders) {
            copyAll(in, out);
        } else {
            List<String> listed = HopByHop.connectionTokens(in);
            for (AsciiString name : allowedHeaders) {
                if (in.contains(name) && (listed.isEmpty() || !HopByHop.isHopByHop(name, listed))) {
                    out.add(name, in.getAll(name));
                }
            }
        }
        out.set(HttpHeaderNames.HOST, host.hostHeader());
        if (addsXff) {
            String incomingXff = forwardsXff ? in.get(X_FORWARDED_FOR) : null;
            out.set(X_FORWARDED_FOR, incomingXff == null || incomingXff.isEmpty() ? clientIp
                    : incomingXff + ", " + clientIp);
        } else {
            out.remove(X_FORWARDED_FOR);
        }
        String clientHost = in.get(HttpHeaderNames.HOST);
        if (clientHost != null && addsXfh) {
            out.set(X_FORWARDED_HOST, clientHost);
        } else {
            out.remove(X_FORWARDED_HOST);
        }
        // Where a backend's own input_headers drop User-Agent, Go's client sends its default one; ours is Tollgate's.
        if (!forwardsUserAgent || !out.contains(HttpHeaderNames.USER_AGENT)) {
            out.set(HttpHeaderNames.USER_AGENT, USER_AGENT);
        } else if (addsVia) {
            out.set(X_FORWARDED_VIA, USER_AGENT);
        } else {
            out.remove(X_FORWARDED_VIA);
        }
        // The client's 100-continue is answered on the client side; the backend must not send a second one.
        out.remove(HttpHeaderNames.EXPECT);
        copyFraming(client, in, out);
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri, out);
    }

    /** Whether a bodiless request may be sent again after a reused connection failed (Go's rule). */
    public boolean isReplayable() {
        return replayable;
    }

    /** The backend request URI for a client URI (path and query) and bound parameters. */
    public String uri(String clientUri, String[] params) {
        StringBuilder sb = new StringBuilder(url.estimatedLength(params) + 16);
        url.appendTo(sb, params);
        int q = clientUri.indexOf('?');
        if (q >= 0 && !query.forwardsNothing()) {
            int hash = clientUri.indexOf('#', q);
            String rawQuery = hash < 0 ? clientUri.substring(q + 1) : clientUri.substring(q + 1, hash);
            query.appendTo(sb, rawQuery, url.hasQuery() ? '&' : '?');
        }
        return sb.toString();
    }

    private static void copyAll(HttpHeaders in, HttpHeaders out) {
        List<String> listed = HopByHop.connectionTokens(in);
        Iterator<Map.Entry<CharSequence, CharSequence>> it = in.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            CharSequence name = e.getKey();
            if (!HopByHop.isHopByHop(name, listed) && !HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)
                    && !HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)) {
                out.add(name, e.getValue());
            }
        }
    }

    private static void copyFraming(HttpRequest client, HttpHeaders in, HttpHeaders out) {
        out.remove(HttpHeaderNames.CONTENT_LENGTH);
        if (HttpUtil.isTransferEncodingChunked(client)) {
            out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else {
            String length = in.get(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null) {
                out.set(HttpHeaderNames.CONTENT_LENGTH, length);
            }
        }
    }

    private static String version() {
        String v = BackendRequestBuilder.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
