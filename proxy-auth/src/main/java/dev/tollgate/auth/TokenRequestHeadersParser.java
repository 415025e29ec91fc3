package dev.tollgate.auth;

import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.core.config.ConfigObject;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode;
import dev.tollgate.core.config.json.JsonNode.JsonNull;
import dev.tollgate.core.config.json.JsonNode.JsonObject;
import dev.tollgate.core.http.HopByHop;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code token_request_headers}: an object of extra headers sent on every token request (a tenant or API key
 * header some identity providers want; lura#325 asks for it in KrakenD). Names that would break the request's
 * framing or routing are refused, and so is an {@code Authorization} the auth style sets itself. Messages never
 * repeat a value: it may be an API key.
 */
final class TokenRequestHeadersParser {
    /** The token client sets these; a second value would make the request ambiguous or misrouted. */
    private static final List<String> OWN_HEADERS = List.of("host", "content-length", "content-type");

    private TokenRequestHeadersParser() {
    }

    /** @param style the parsed auth style, or null when it was wrong (then Authorization is not checked) */
    static Map<String, String> parse(ConfigObject obj, AuthStyle style) {
        JsonNode raw = obj.raw("token_request_headers");
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (raw == null || raw == JsonNull.INSTANCE) {
            return Map.of();
        }
        JsonPath at = obj.path("token_request_headers");
        if (!(raw instanceof JsonObject headers)) {
            obj.problems().error(at, "expected an object of header names to string values such as"
                    + " {\"X-Tenant\": \"t1\"}, got " + raw.typeName());
            return Map.of();
        }
        headers.fields().forEach((name, value) -> {
            JsonPath field = at.key(name);
            String refused = refused(name, style);
            if (refused != null) {
                obj.problems().error(field, refused);
            } else if (!(value instanceof JsonNode.JsonString s)) {
                obj.problems().error(field, "expected a string, got " + value.typeName());
            } else if (s.value().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                obj.problems().error(field, "the value must not contain CR, LF or NUL");
            } else if (out.containsKey(name)) {
                obj.problems().error(field, "given twice (header names are case-insensitive)");
            } else {
                out.put(name, s.value());
            }
        });
        return Map.copyOf(out);
    }

    private static String refused(String name, AuthStyle style) {
        if (name.isEmpty() || !name.chars().allMatch(TokenRequestHeadersParser::isTokenChar)) {
            return "not a valid header name";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (HopByHop.isFixed(lower)) {
            return "a hop-by-hop header cannot be set on the token request";
        }
        if (OWN_HEADERS.contains(lower)) {
            return "set by the token client itself, cannot be overridden";
        }
        if (lower.equals("authorization") && style != null && style.setsAuthorization()) {
            return "auth_style \"" + style.configName() + "\" sends the client secret in Authorization; use "
                    + "\"params\" or another style to set it here";
        }
        return null;
    }

    /** RFC 9110 {@code tchar}. */
    private static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
