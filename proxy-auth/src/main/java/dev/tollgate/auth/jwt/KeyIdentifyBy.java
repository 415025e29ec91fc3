package dev.tollgate.auth.jwt;

/**
 * How a token names the key that signed it, and how a JWK is named in the key set ({@code key_identify_strategy}):
 * krakend-jose's four strategies. {@code x5t} and {@code x5t#S256} fall back to the token's {@code kid} when the
 * header has no thumbprint, as krakend-jose does.
 */
public enum KeyIdentifyBy {
    KID("kid"), X5T("x5t"), X5T_S256("x5t#S256"), KID_X5T("kid_x5t");

    private final String configName;

    KeyIdentifyBy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The strategy written {@code name}, or null. */
    public static KeyIdentifyBy named(String name) {
        for (KeyIdentifyBy k : values()) {
            if (k.configName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
