package dev.tollgate.auth.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetchException.Reason;
import dev.tollgate.auth.token.TokenResponse;
import dev.tollgate.core.config.json.JsonTreeReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a token endpoint answer into a {@link TokenResponse} or a {@link TokenFetchException} with golang/oauth2's
 * messages (so KrakenD users' log searches keep working): non-2xx or an {@code error} field ->
 * {@code oauth2: "<error>" "<error_description>"}, or {@code oauth2: cannot fetch token: <status>} when the body has
 * no error code; bad JSON -> {@code oauth2: cannot parse json: ...}; no token ->
 * {@code oauth2: server response missing access_token}. Form-encoded and text/plain bodies are parsed as forms.
 */
public final class TokenResponseParser {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int MAX_BODY_IN_MESSAGE = 512;
    /** golang/oauth2's cap on expires_in: MaxInt32 seconds. */
    private static final BigDecimal MAX_LIFETIME = BigDecimal.valueOf(Integer.MAX_VALUE);

    private TokenResponseParser() {
    }

    /**
     * @param prefix      {@code Post "<token_url>": }, put before every message
     * @param status      HTTP status code
     * @param statusLine  e.g. {@code 401 Unauthorized}
     * @param contentType the Content-Type header, may be null
     */
    public static TokenResponse parse(String prefix, int status, String statusLine, String contentType, byte[] body)
            throws TokenFetchException {
        boolean failureStatus = status < 200 || status > 299;
        Fields fields;
        String mediaType = mediaType(contentType);
        if (mediaType.equals("application/x-www-form-urlencoded") || mediaType.equals("text/plain")) {
            fields = fromForm(new String(body, StandardCharsets.UTF_8));
        } else {
            try {
                fields = fromJson(body);
            } catch (IOException | NumberFormatException e) {
                if (failureStatus) {
                    throw cannotFetch(prefix, statusLine, body);
                }
                throw new TokenFetchException(Reason.BAD_RESPONSE,
                        prefix + "oauth2: cannot parse json: "
                                + JsonTreeReader.withoutTokenText(firstLine(e.getMessage())));
            }
        }
        if (!fields.error.isEmpty()) {
            StringBuilder sb = new StringBuilder(prefix).append("oauth2: ").append(quote(fields.error));
            if (!fields.errorDescription.isEmpty()) {
                sb.append(' ').append(quote(fields.errorDescription));
            }
            if (!fields.errorUri.isEmpty()) {
                sb.append(' ').append(quote(fields.errorUri));
            }
            throw new TokenFetchException(Reason.OAUTH_ERROR, sb.toString());
        }
        if (failureStatus) {
            throw cannotFetch(prefix, statusLine, body);
        }
        if (fields.accessToken.isEmpty()) {
            throw new TokenFetchException(Reason.MISSING_TOKEN, prefix + "oauth2: server response missing access_token");
        }
        // The token becomes a header value sent without validation on the hot path: CR, LF or other characters
        // outside visible ASCII would split or corrupt the backend request (golang/net/http refuses to send those).
        if (!isHeaderToken(fields.accessToken) || !fields.tokenType.isEmpty() && !isHeaderToken(fields.tokenType)) {
            throw new TokenFetchException(Reason.BAD_RESPONSE,
                    prefix + "oauth2: server response has an access_token or token_type that is not a valid"
                            + " header value");
        }
        return new TokenResponse(fields.accessToken, fields.tokenType, fields.expiresIn);
    }

    /** Visible ASCII only (RFC 6750's b64token is a subset): what may follow "Bearer " in a header. */
    private static boolean isHeaderToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static TokenFetchException cannotFetch(String prefix, String statusLine, byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_BODY_IN_MESSAGE), StandardCharsets.UTF_8)
                .replace('\r', ' ').replace('\n', ' ');
        return new TokenFetchException(Reason.OAUTH_ERROR,
                prefix + "oauth2: cannot fetch token: " + statusLine + " Response: " + text
                        + (body.length > MAX_BODY_IN_MESSAGE ? "..." : ""));
    }

    private static Fields fromForm(String body) {
        Map<String, String> values = FormEncoding.decodeFirst(body);
        Fields f = new Fields();
        f.accessToken = values.getOrDefault("access_token", "");
        f.tokenType = values.getOrDefault("token_type", "");
        f.error = values.getOrDefault("error", "");
        f.errorDescription = values.getOrDefault("error_description", "");
        f.errorUri = values.getOrDefault("error_uri", "");
        String expiresIn = values.getOrDefault("expires_in", "").trim();
        BigDecimal seconds;
        try {
            seconds = expiresIn.isEmpty() ? BigDecimal.ZERO : new BigDecimal(expiresIn);
        } catch (NumberFormatException e) {
            seconds = BigDecimal.ZERO; // golang/oauth2 ignores an unparseable form expires_in
        }
        f.expiresIn = seconds.signum() < 0 ? 0 : lifetime(seconds);
        return f;
    }

    private static Fields fromJson(byte[] body) throws IOException {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "access_token" -> f.accessToken = string(p, value, name);
                    case "token_type" -> f.tokenType = string(p, value, name);
                    case "error" -> f.error = string(p, value, name);
                    case "error_description" -> f.errorDescription = string(p, value, name);
                    case "error_uri" -> f.errorUri = string(p, value, name);
                    case "expires_in" -> f.expiresIn = expiresIn(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("unexpected content after the JSON object");
            }
        }
        return f;
    }

    private static String string(JsonParser p, JsonToken value, String name) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return "";
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new IOException("field " + name + " is not a string");
        }
        return p.getText();
    }

    /**
     * Seconds; null, 0 or missing = never expires. Numeric strings accepted (as golang/oauth2). A fraction is
     * rounded up: {@code 0.5} is a short lifetime, never 0 (which would read as "never expires").
     */
    private static long expiresIn(JsonParser p, JsonToken value) throws IOException {
        BigDecimal seconds;
        try {
            seconds = switch (value) {
                case VALUE_NULL -> BigDecimal.ZERO;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                case VALUE_STRING -> p.getText().isBlank() ? BigDecimal.ZERO : new BigDecimal(p.getText().trim());
                default -> throw new IOException("field expires_in is not a number");
            };
        } catch (NumberFormatException e) {
            throw new IOException("field expires_in is not a number");
        }
        if (seconds.signum() < 0) {
            throw new IOException("field expires_in is negative");
        }
        return lifetime(seconds);
    }

    /**
     * A non-negative lifetime in whole seconds: fractions round up; golang/oauth2 caps it at MaxInt32 seconds
     * (68 years), and so does Tollgate, instead of letting {@code 1e30} wrap around a long.
     */
    private static long lifetime(BigDecimal seconds) {
        if (seconds.compareTo(MAX_LIFETIME) >= 0) {
            return MAX_LIFETIME.longValue();
        }
        return seconds.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Go's %q for the printable strings identity providers send. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static final class Fields {
        String accessToken = "";
        String tokenType = "";
        String error = "";
        String errorDescription = "";
        String errorUri = "";
        long expiresIn;
    }
}
