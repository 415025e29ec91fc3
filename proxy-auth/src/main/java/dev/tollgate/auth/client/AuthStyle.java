package dev.tollgate.auth.client;

/** How the client authenticates to the token endpoint ({@code auth_style}). */
public enum AuthStyle {
    /** KrakenD's behaviour: HTTP Basic first, then credentials in the form body, remembering what worked. */
    AUTO("auto"),
    /** HTTP Basic only: {@code base64(urlencode(id) ":" urlencode(secret))}. */
    HEADER("header"),
    /** {@code client_id} and {@code client_secret} form fields only. */
    PARAMS("params");

    private final String configName;

    AuthStyle(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
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
}
