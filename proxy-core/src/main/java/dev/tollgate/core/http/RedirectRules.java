package dev.tollgate.core.http;

import java.util.Locale;

/**
 * The parts of Go's redirect rules that both of Tollgate's HTTP clients follow: the backend exchange
 * ({@link Redirects}) and the token client in proxy-auth.
 */
public final class RedirectRules {
    private RedirectRules() {
    }

    /** The statuses Go's client follows. */
    public static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** 307 and 308 repeat the method and body; 301, 302 and 303 turn a POST into a GET without a body. */
    public static boolean keepsMethod(int status) {
        return status == 307 || status == 308;
    }

    /** Go's rule for credentials on a redirect: the same host, or a subdomain of it. */
    public static boolean sameSite(String from, String to) {
        String f = from.toLowerCase(Locale.ROOT);
        String t = to.toLowerCase(Locale.ROOT);
        return t.equals(f) || t.endsWith("." + f);
    }

    /**
     * A URL or Location as a log line or error message shows it: without its query (pre-signed URLs carry
     * credentials there), at most 200 characters, no control characters.
     */
    public static String shown(String url) {
        int q = url.indexOf('?');
        String cut = q >= 0 ? url.substring(0, q) + "?..." : url;
        cut = cut.length() > 200 ? cut.substring(0, 200) + "..." : cut;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
