package dev.tollgate.server.conformance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The handlers of krakend-ce's mock backend ({@code mockBackendBuilder} in tests/integration.go), ported rule for
 * rule, behind Go's {@code http.ServeMux} dispatch:
 *
 * <ul>
 *   <li>{@code /param_forwarding/}, {@code /collection/}, {@code /delayed/}, {@code /redirect/}: subtrees;
 *       {@code /xml} and {@code /jwk/symmetric}: exact paths; all but the JWK set first check that
 *       {@code X-Forwarded-For} is one loopback IP (else 400 {@code invalid X-Forwarded-For});</li>
 *   <li>the mux's own rules: an unclean path, or a subtree's root without its slash ({@code /param_forwarding}),
 *       is a 301 to the fixed path with the query kept; anything else is Go's 404.</li>
 * </ul>
 *
 * The echo handler answers what the backend received; {@code view} turns that into what KrakenD's HTTP client
 * would have sent, for the differences {@link Normalisations} documents.
 */
final class KrakendMockRoutes {
    private static final List<String> SUBTREES = List.of("/param_forwarding/", "/collection/", "/delayed/",
            "/redirect/");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <user type="admin">
              <name>Elliot</name>
              <social>
                <facebook>https://facebook.com</facebook>
                <twitter>https://twitter.com</twitter>
                <youtube>https://youtube.com</youtube>
              </social>
            </user>""";
    private static final String JWK = """
            {
              "keys": [
                {
                  "kty": "oct",
                  "alg": "A128KW",
                  "k": "GawgguFyGrWKav7AX4VKUg",
                  "kid": "sim1"
                },
                {
                  "kty": "oct",
                  "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
                  "kid": "sim2",
                  "alg": "HS256"
                }
              ]
            }""";

    private final Duration delay;
    private final BiFunction<String, Map<String, List<String>>, Map<String, List<String>>> view;

    /**
     * @param delay the {@code /delayed/} handler's wait (the suite's {@code -krakend_delay}, 200ms by default)
     * @param view  the request headers the echo reports, from the method and the headers received
     */
    KrakendMockRoutes(Duration delay,
                      BiFunction<String, Map<String, List<String>>, Map<String, List<String>>> view) {
        this.delay = delay;
        this.view = view;
    }

    /** ServeMux.Handler, then the handler. */
    GoReply serve(GoRequest r) {
        String clean = GoNet.cleanRequestPath(r.path());
        if (!clean.equals(r.path()) && !r.method().equals("CONNECT")) {
            return redirect(r, withQuery(clean, r.rawQuery()), 301);
        }
        switch (r.path()) {
            case "/xml":
                return checkXForwardedFor(r, this::xml);
            case "/jwk/symmetric":
                return GoReply.of(200, "application/json", JWK);
            default:
                break;
        }
        String subtree = null;
        for (String s : SUBTREES) {
            if (r.path().startsWith(s) && (subtree == null || s.length() > subtree.length())) {
                subtree = s;
            }
        }
        if (subtree == null) {
            if (SUBTREES.contains(r.path() + "/")) {
                return redirect(r, withQuery(r.path() + "/", r.rawQuery()), 301);
            }
            return GoReply.notFound();
        }
        return switch (subtree) {
            case "/param_forwarding/" -> checkXForwardedFor(r, this::echo);
            case "/collection/" -> checkXForwardedFor(r, this::collection);
            case "/delayed/" -> checkXForwardedFor(r, req -> echo(req).delayed(delay.toMillis()));
            default -> checkXForwardedFor(r, this::redirectEndpoint);
        };
    }

    /** net.ParseIP(r.Header.Get("X-Forwarded-For")) must be a loopback address. */
    private static GoReply checkXForwardedFor(GoRequest r, java.util.function.Function<GoRequest, GoReply> next) {
        if (!isLoopbackIp(r.headerValue("X-Forwarded-For"))) {
            return GoReply.error(400, "invalid X-Forwarded-For");
        }
        return next.apply(r);
    }

    /** Only IP literals, as net.ParseIP: a host name (or {@code 127.0.0.1, 10.0.0.1}) is no IP. */
    static boolean isLoopbackIp(String s) {
        if (IPV4.matcher(s).matches()) {
            return s.startsWith("127.");
        }
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(s).isLoopbackAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private GoReply echo(GoRequest r) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.header());
        headers.remove("X-Forwarded-For");
        Map<String, Object> resp = new TreeMap<>();
        resp.put("path", r.path());
        resp.put("query", new LinkedHashMap<>(GoNet.parseQuery(r.rawQuery())));
        resp.put("headers", new LinkedHashMap<>(view.apply(r.method(), headers)));
        resp.put("foo", 42);
        List<String> dump = GoNet.parseQuery(r.rawQuery()).get("dump_body");
        if (dump != null && dump.get(0).equals("1")) {
            resp.put("body", new String(r.body(), StandardCharsets.UTF_8));
        }
        // json.Encoder.Encode ends the document with a newline
        return GoReply.of(200, "application/json", GoJson.encode(resp) + "\n")
                .withHeader("Set-Cookie", "test1=test1")
                .withHeader("Set-Cookie", "test2=test2");
    }

    private GoReply xml(GoRequest r) {
        return GoReply.of(200, "application/xml; charset=utf-8", XML);
    }

    private GoReply collection(GoRequest r) {
        List<Object> res = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            res.add(Map.of("path", r.path(), "i", i));
        }
        return GoReply.of(200, "application/json", GoJson.encode(res) + "\n");
    }

    /**
     * {@code ?status=N} answers a redirect with code N to {@code /param_forwarding/} (query kept). Without a
     * {@code status} the Go handler indexes an empty slice and panics; a non-number is a 400 with Atoi's error.
     */
    private GoReply redirectEndpoint(GoRequest r) {
        List<String> status = GoNet.parseQuery(r.rawQuery()).get("status");
        if (status == null) {
            return GoReply.ABORT;
        }
        int code;
        try {
            code = status.get(0).equals("301") ? 301 : Integer.parseInt(status.get(0));
        } catch (NumberFormatException e) {
            return GoReply.error(400, "strconv.Atoi: parsing \"" + status.get(0) + "\": invalid syntax");
        }
        if (code < 100 || code > 999) {
            return GoReply.ABORT; // WriteHeader panics on an invalid code
        }
        return redirect(r, withQuery("/param_forwarding/", r.rawQuery()), code);
    }

    private static String withQuery(String path, String rawQuery) {
        return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    /** http.Redirect with a rooted URL: Location, and for GET a small HTML body (HEAD gets the type only). */
    private static GoReply redirect(GoRequest r, String url, int code) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        String cleaned = GoNet.cleanPath(path);
        if (path.endsWith("/") && !cleaned.endsWith("/")) {
            cleaned += "/";
        }
        url = cleaned + query;
        boolean getOrHead = r.method().equals("GET") || r.method().equals("HEAD");
        String body = r.method().equals("GET")
                ? "<a href=\"" + GoNet.htmlEscape(url) + "\">" + GoNet.statusText(code) + "</a>.\n\n" : "";
        return GoReply.of(code, getOrHead ? "text/html; charset=utf-8" : null, body).withHeader("Location", url);
    }
}
