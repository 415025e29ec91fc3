package dev.tollgate.auth.client;

import java.util.Arrays;
import java.util.List;

/** How the client authenticates to the token endpoint ({@code auth_style}). */
public enum AuthStyle {
    /** KrakenD's behaviour: HTTP Basic first, then credentials in the form body, remembering what worked. */
    AUTO("auto"),
    /** HTTP Basic only: {@code base64(urlencode(id) ":" urlencode(secret))}. */
    HEADER("header"),
    /** {@code client_id} and {@code client_secret} form fields only. */
    PARAMS("params"),
    /** RFC 7523 assertion signed with {@code private_key_file} (OIDC {@code private_key_jwt}). */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** RFC 7523 assertion signed HMAC with the client secret (OIDC {@code client_secret_jwt}). */
    CLIENT_SECRET_JWT("client_secret_jwt"),
    /** RFC 7523 assertion read from {@code client_assertion_file} at every request (workload identity). */
    CLIENT_ASSERTION_FILE("client_assertion_file"),
    /** RFC 8705 mutual TLS: the client certificate authenticates, no secret. */
    TLS_CLIENT_AUTH("tls_client_auth");

    private final String configName;

    AuthStyle(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Whether the style uses {@code client_secret} or {@code client_secret_file}. */
    public boolean usesSecret() {
        return this == AUTO || this == HEADER || this == PARAMS || this == CLIENT_SECRET_JWT;
    }

    /** Whether the token request may carry an {@code Authorization} header this style sets. */
    public boolean setsAuthorization() {
        return this == AUTO || this == HEADER;
    }

    /** The style named {@code name} in the config, or null. */
    public static AuthStyle fromConfig(String name) {
        for (AuthStyle style : values()) {
            if (style.configName.equals(name)) {
                return style;
            }
        }
        return null;
    }

    /** Every config name, for error messages. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(AuthStyle::configName).toList();
    }
}
