package dev.tollgate.core.cors;

import dev.tollgate.core.config.CorsConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * rs/cors' decisions (v1.11, the version KrakenD CE runs through krakend-cors' mux middleware) for one gateway,
 * precomputed from its {@code security/cors} block: which CORS headers a request's answer gets, and whether the
 * gateway answers a preflight itself. Shared by all connections; immutable.
 */
public final class CorsPolicy {
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String ALLOW_PRIVATE_NETWORK = "Access-Control-Allow-Private-Network";
    static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    static final String MAX_AGE = "Access-Control-Max-Age";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    static final String REQUEST_PRIVATE_NETWORK = "Access-Control-Request-Private-Network";

    private final boolean allOrigins;
    private final List<String> origins = new ArrayList<>();
    /** Wildcard origins: prefix and suffix around the one {@code *}. */
    private final List<String[]> wildcards = new ArrayList<>();
    private final List<String> methods;
    private final boolean allHeaders;
    /** Allowed request headers, lower case, to their position in sorted order (rs/cors' SortedSet). */
    private final Map<String, Integer> headers = new HashMap<>();
    private final int longestHeader;
    private final String exposeHeaders;
    private final boolean credentials;
    private final boolean privateNetwork;
    private final boolean passthrough;
    private final int preflightStatus;
    private final String maxAge;
    private final String preflightVary;
    private final boolean debug;

    /** The answer of an actual request when every origin is allowed: the same for each request. */
    private final CorsHeaders actualForAnyOrigin;

    public CorsPolicy(CorsConfig config) {
        boolean all = false;
        for (String origin : config.allowOrigins()) {
            String o = origin.toLowerCase(Locale.ROOT);
            int star = o.indexOf('*');
            if (o.equals("*")) {
                all = true;
                break;
            } else if (star >= 0) {
                wildcards.add(new String[] {o.substring(0, star), o.substring(star + 1)});
            } else {
                origins.add(o);
            }
        }
        allOrigins = all || config.allowOrigins().isEmpty();
        methods = config.allowMethods().isEmpty() ? List.of("GET", "POST", "HEAD") : config.allowMethods();
        allHeaders = config.allowHeaders().isEmpty() || config.allowHeaders().contains("*");
        List<String> sorted = config.allowHeaders().stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct()
                .sorted().toList();
        int longest = 0;
        for (int i = 0; i < sorted.size(); i++) {
            headers.put(sorted.get(i), i);
            longest = Math.max(longest, sorted.get(i).length());
        }
        longestHeader = longest;
        exposeHeaders = config.exposeHeaders().isEmpty() ? null : String.join(", ",
                config.exposeHeaders().stream().map(CorsPolicy::canonical).toList());
        credentials = config.allowCredentials();
        privateNetwork = config.allowPrivateNetwork();
        passthrough = config.optionsPassthrough();
        preflightStatus = config.optionsSuccessStatus();
        long seconds = config.maxAge().getSeconds();
        maxAge = config.maxAge().isNegative() ? "0" : seconds > 0 ? Long.toString(seconds) : null;
        preflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
                + (privateNetwork ? ", Access-Control-Request-Private-Network" : "");
        debug = config.debug();
        actualForAnyOrigin = allOrigins ? actual("*") : null;
    }

    /** A preflight: OPTIONS with an {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(HttpRequest request) {
        if (!HttpMethod.OPTIONS.equals(request.method())) {
            return false;
        }
        String method = request.headers().get(REQUEST_METHOD);
        return method != null && !method.isEmpty();
    }

    /** The gateway answers preflights itself, unless {@code options_passthrough} hands them to the endpoint. */
    public boolean answersPreflights() {
        return !passthrough;
    }

    /** The status of a preflight the gateway answers. */
    public int preflightStatus() {
        return preflightStatus;
    }

    public boolean debug() {
        return debug;
    }

    /** The CORS headers {@code request}'s answer gets (rs/cors' handlePreflight or handleActualRequest). */
    CorsHeaders decide(HttpRequest request) {
        HttpHeaders h = request.headers();
        String origin = h.get(HttpHeaderNames.ORIGIN);
        if (isPreflight(request)) {
            return preflight(h, origin);
        }
        if (origin == null || origin.isEmpty() || !originAllowed(origin) || !methodAllowed(request.method().name())) {
            return CorsHeaders.VARY_ORIGIN;
        }
        return allOrigins ? actualForAnyOrigin : actual(origin);
    }

    private CorsHeaders actual(String allowOrigin) {
        List<String> out = new ArrayList<>(8);
        out.add("Vary");
        out.add("Origin");
        out.add(ALLOW_ORIGIN);
        out.add(allowOrigin);
        if (exposeHeaders != null) {
            out.add(EXPOSE_HEADERS);
            out.add(exposeHeaders);
        }
        if (credentials) {
            out.add(ALLOW_CREDENTIALS);
            out.add("true");
        }
        return new CorsHeaders(out, "actual request allowed for " + allowOrigin);
    }

    private CorsHeaders preflight(HttpHeaders h, String origin) {
        List<String> out = new ArrayList<>(16);
        out.add("Vary");
        out.add(preflightVary);
        if (origin == null || origin.isEmpty()) {
            return new CorsHeaders(out, "preflight aborted: empty origin");
        }
        if (!originAllowed(origin)) {
            return new CorsHeaders(out, "preflight aborted: origin not allowed");
        }
        String method = h.get(REQUEST_METHOD);
        if (!methodAllowed(method)) {
            return new CorsHeaders(out, "preflight aborted: method " + method + " not allowed");
        }
        List<String> requested = h.getAll(REQUEST_HEADERS);
        boolean asked = !requested.isEmpty();
        if (asked && !allHeaders && !headersAccepted(requested)) {
            return new CorsHeaders(out, "preflight aborted: headers not allowed");
        }
        out.add(ALLOW_ORIGIN);
        out.add(allOrigins ? "*" : origin);
        out.add(ALLOW_METHODS);
        out.add(method);
        if (asked && !requested.get(0).isEmpty()) {
            for (String r : requested) {
                out.add(ALLOW_HEADERS);
                out.add(r);
            }
        }
        if (credentials) {
            out.add(ALLOW_CREDENTIALS);
            out.add("true");
        }
        if (privateNetwork && "true".equals(h.get(REQUEST_PRIVATE_NETWORK))) {
            out.add(ALLOW_PRIVATE_NETWORK);
            out.add("true");
        }
        if (maxAge != null) {
            out.add(MAX_AGE);
            out.add(maxAge);
        }
        return new CorsHeaders(out, "preflight allowed");
    }

    boolean originAllowed(String origin) {
        if (allOrigins) {
            return true;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        if (origins.contains(o)) {
            return true;
        }
        for (String[] w : wildcards) {
            if (o.length() >= w[0].length() + w[1].length() && o.startsWith(w[0]) && o.endsWith(w[1])) {
                return true;
            }
        }
        return false;
    }

    /** OPTIONS is always allowed; case-sensitive otherwise, as in rs/cors. */
    boolean methodAllowed(String method) {
        return "OPTIONS".equals(method) || methods.contains(method);
    }

    /**
     * rs/cors' SortedSet.Accepts: the comma-separated names, each at most one space or tab from its commas, must
     * be allowed headers written in lower case and in strictly increasing order (as browsers send them), with at
     * most 16 empty elements.
     */
    boolean headersAccepted(List<String> values) {
        int last = -1;
        int empty = 0;
        int maxLen = 1 + longestHeader + 1 + 1;
        for (String value : values) {
            int from = 0;
            while (true) {
                int end = Math.min(value.length(), from + maxLen);
                int comma = value.indexOf(',', from);
                boolean found = comma >= 0 && comma < end;
                String name = found ? value.substring(from, comma) : value.substring(from);
                String trimmed = trimOws(name);
                if (trimmed == null) {
                    return false;
                }
                if (trimmed.isEmpty()) {
                    if (++empty > 16) {
                        return false;
                    }
                } else {
                    Integer pos = headers.get(trimmed);
                    if (pos == null || pos <= last) {
                        return false;
                    }
                    last = pos;
                }
                if (!found) {
                    break;
                }
                from = comma + 1;
            }
        }
        return true;
    }

    /** At most one space or tab on each side; null when there are more. */
    private static String trimOws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        if (start > 1 || s.length() - end > 1) {
            return null;
        }
        return s.substring(start, end);
    }

    /** Go's http.CanonicalHeaderKey for plain names: {@code content-length} becomes {@code Content-Length}. */
    static String canonical(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c > 0x7e) {
                return name; // Go leaves names with spaces or non-token bytes as they are
            }
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }
}
