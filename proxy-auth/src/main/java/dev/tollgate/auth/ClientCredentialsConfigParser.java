package dev.tollgate.auth;

import dev.tollgate.auth.client.CaFile;
import dev.tollgate.auth.client.ClientAuthentication;
import dev.tollgate.core.config.ConfigObject;
import dev.tollgate.core.config.ConfigProblems;
import dev.tollgate.core.config.GoDuration;
import dev.tollgate.core.config.JsonPath;
import dev.tollgate.core.config.json.JsonNode.JsonArray;
import dev.tollgate.core.config.json.JsonNode.JsonNull;
import dev.tollgate.core.config.json.JsonNode.JsonObject;
import dev.tollgate.core.config.json.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates an {@code auth/client-credentials} block. Every mistake KrakenD would panic on or silently mishandle is
 * an error with its JSON path. Messages never repeat the value of {@code client_secret}. The client authentication
 * fields are {@link ClientAuthenticationParser}'s.
 */
final class ClientCredentialsConfigParser {
    /** Form fields the token request sets itself. */
    private static final List<String> RESERVED_PARAMS = List.of("grant_type", "scope");

    private ClientCredentialsConfigParser() {
    }

    static ClientCredentialsConfig parse(JsonNode value, JsonPath path, ConfigProblems problems) {
        int errorsBefore = problems.errors().size();
        ConfigObject obj = ConfigObject.of(value, path, problems);
        String clientId = obj.requiredString("client_id");
        String tokenUrl = tokenUrl(obj);
        List<String> scopes = scopes(obj);
        Map<String, List<String>> params = endpointParams(obj);
        boolean disabled = obj.bool("is_disabled", false);
        ClientAuthentication authentication = ClientAuthenticationParser.parse(obj, Instant.now());
        CaFile ca = ClientAuthenticationParser.caFile(obj, tokenUrl);
        Map<String, String> headers = TokenRequestHeadersParser.parse(obj,
                authentication == null ? null : authentication.style());
        int noTokenStatus = noTokenStatus(obj);
        Duration tokenTimeout = obj.positiveDuration("token_timeout", ClientCredentialsConfig.DEFAULT_TOKEN_TIMEOUT);
        Duration refreshMargin = obj.duration("refresh_margin", ClientCredentialsConfig.DEFAULT_REFRESH_MARGIN);
        if (refreshMargin.isNegative()) {
            problems.error(obj.path("refresh_margin"), "must not be negative, got \"" + GoDuration.format(refreshMargin)
                    + "\"");
        }
        boolean replayOn401 = obj.bool("replay_on_401", true);
        int replayBodyLimit = obj.integer("replay_body_limit", ClientCredentialsConfig.DEFAULT_REPLAY_BODY_LIMIT, 0,
                16 * 1024 * 1024);
        obj.warnUnknownKeys();
        if (problems.errors().size() > errorsBefore) {
            return null;
        }
        return new ClientCredentialsConfig(clientId, tokenUrl, scopes, params, disabled, authentication, headers, ca,
                tokenTimeout, refreshMargin, noTokenStatus, replayOn401, replayBodyLimit);
    }

    private static String tokenUrl(ConfigObject obj) {
        String url = obj.requiredString("token_url");
        if (url == null || url.isEmpty()) {
            return url;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                obj.problems().error(obj.path("token_url"), "\"" + withoutUserInfo(url, uri)
                        + "\" is not an absolute http or https URL (expected e.g. \"https://idp.example.com/token\")");
            }
        } catch (URISyntaxException e) {
            // Not e.getMessage(): it repeats the URL, and user info in it is a password.
            obj.problems().error(obj.path("token_url"), "invalid URL: " + e.getReason()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
        return url;
    }

    /** The URL as messages may show it: {@code user:password@} removed. */
    private static String withoutUserInfo(String url, URI uri) {
        String userInfo = uri.getRawUserInfo();
        return userInfo == null ? url : url.replace(userInfo + "@", "");
    }

    /** A comma-separated string, as KrakenD; each item trimmed and empty ones dropped (KrakenD keeps spaces). */
    private static List<String> scopes(ConfigObject obj) {
        JsonNode raw = obj.raw("scopes");
        if (raw == null || raw == JsonNull.INSTANCE) {
            return List.of();
        }
        if (!(raw instanceof JsonNode.JsonString s)) {
            obj.problems().error(obj.path("scopes"), "expected a comma-separated string such as \"scopeA,scopeB\", got "
                    + raw.typeName());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String item : s.value().split(",")) {
            String trimmed = item.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }

    private static Map<String, List<String>> endpointParams(ConfigObject obj) {
        JsonNode raw = obj.raw("endpoint_params");
        Map<String, List<String>> out = new TreeMap<>();
        if (raw == null || raw == JsonNull.INSTANCE) {
            return out;
        }
        JsonPath at = obj.path("endpoint_params");
        if (!(raw instanceof JsonObject params)) {
            obj.problems().error(at, "expected an object of string arrays such as {\"audience\": [\"x\"]}, got "
                    + raw.typeName());
            return out;
        }
        params.fields().forEach((name, v) -> {
            JsonPath field = at.key(name);
            if (RESERVED_PARAMS.contains(name)) {
                obj.problems().error(field, "cannot overwrite parameter \"" + name + "\""
                        + (name.equals("scope") ? " (use \"scopes\", a comma-separated string)" : ""));
                return;
            }
            if (!(v instanceof JsonArray)) {
                // Type only, never the value: this may be a client_secret (the Auth0 example puts one here).
                obj.problems().error(field, "expected an array of strings such as [\"value\"], got " + v.typeName());
                return;
            }
            out.put(name, ConfigObject.stringList(v, field, obj.problems()));
        });
        return out;
    }

    private static int noTokenStatus(ConfigObject obj) {
        int status = obj.integer("no_token_status", ClientCredentialsConfig.DEFAULT_NO_TOKEN_STATUS, 100, 599);
        if (!ClientCredentialsConfig.NO_TOKEN_STATUSES.contains(status)) {
            obj.problems().error(obj.path("no_token_status"), status + " is not allowed (expected one of "
                    + ClientCredentialsConfig.NO_TOKEN_STATUSES + ": 500 as KrakenD, or 502/503 so clients and load"
                    + " balancers retry elsewhere)");
            return ClientCredentialsConfig.DEFAULT_NO_TOKEN_STATUS;
        }
        return status;
    }
}
