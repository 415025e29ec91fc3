package dev.tollgate.core.ratelimit;

/**
 * What Go's {@code net.ParseIP} accepts after krakend-ratelimit cuts a value at its first {@code :}: only a dotted
 * IPv4 address can survive that cut (an IPv6 address is cut to its first group), so only those are read, without
 * a DNS lookup.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    static boolean isIPv4(String s) {
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                if (value > 255 || i - start >= 3) {
                    return false;
                }
                i++;
            }
            if (i == start) {
                return false;
            }
            parts++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
        return parts == 4;
    }
}
