package dev.tollgate.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * KrakenD's host handling: each host is sanitised ({@code http://} added when there is no scheme, trailing
 * {@code /} removed) unless {@code disable_host_sanitize} is set, then checked to be a base URL the proxy can
 * connect to: {@code http} or {@code https}, a host name or IP, an optional port, nothing else. lura rejects a path
 * in a host too; Tollgate says so instead of silently dropping it.
 */
final class BackendHosts {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private BackendHosts() {
    }

    /** Sanitises (when {@code sanitize}) and validates each host; invalid ones are reported and left out. */
    static List<String> read(List<String> hosts, boolean sanitize, JsonPath at, ConfigProblems problems) {
        List<String> out = new ArrayList<>(hosts.size());
        for (int i = 0; i < hosts.size(); i++) {
            String host = sanitize ? sanitize(hosts.get(i)) : hosts.get(i);
            String problem = problem(host);
            if (problem == null) {
                out.add(host);
            } else {
                problems.error(at.index(i), "\"" + withoutUserInfo(hosts.get(i)) + "\" " + problem
                        + (sanitize ? "" : " (disable_host_sanitize is set, so the host is used as written)"));
            }
        }
        return List.copyOf(out);
    }

    /** lura's CleanHost: default scheme http, no trailing slash. */
    static String sanitize(String host) {
        String h = host.strip();
        if (!h.contains("://")) {
            h = "http://" + h;
        }
        int end = h.length();
        int authorityStart = h.indexOf("://") + 3;
        while (end > authorityStart && h.charAt(end - 1) == '/') {
            end--;
        }
        return h.substring(0, end);
    }

    /** Null when {@code host} is a usable base URL, else what is wrong with it. */
    static String problem(String host) {
        int schemeEnd = host.indexOf("://");
        if (schemeEnd < 0) {
            return "is not a URL such as http://host:port";
        }
        String scheme = host.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must use http:// or https://";
        }
        String authority = host.substring(schemeEnd + 3);
        int rest = indexOfAny(authority, "/?#");
        if (rest >= 0) {
            return "must not contain a path, query or fragment (put the path in url_pattern)";
        }
        if (authority.indexOf('@') >= 0) {
            return "must not contain user credentials";
        }
        String name = authority;
        String port = null;
        int portStart = authority.startsWith("[") ? authority.indexOf("]:") + 1 : authority.lastIndexOf(':');
        if (portStart > 0) {
            name = authority.substring(0, portStart);
            port = authority.substring(portStart + 1);
        }
        if (name.isEmpty() || !(HOST_NAME.matcher(name).matches() || IPV6.matcher(name).matches())) {
            return "has no valid host name";
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1
                || Integer.parseInt(port) > 65535)) {
            return "has an invalid port (expected 1..65535)";
        }
        return null;
    }

    /** The host as an error message may show it: {@code user:password@} is never repeated. */
    static String withoutUserInfo(String host) {
        int scheme = host.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int rest = indexOfAny(host.substring(start), "/?#");
        int end = rest < 0 ? host.length() : start + rest;
        int at = host.lastIndexOf('@', end - 1);
        return at < start ? host : host.substring(0, start) + "<redacted>" + host.substring(at);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
