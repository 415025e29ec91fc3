package dev.tollgate.auth.cache;

import dev.tollgate.auth.client.CredentialSet;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Redis names of one credential set: every instance configured with the same set finds the same names, and
 * nobody can read the set, let alone its secret, back from them. The id is an HMAC-SHA256 keyed with the client
 * secret (an empty key for styles without one) over the token URL, client id, scopes, endpoint parameters, token
 * request headers and auth style, so two sets differing in any of these never share a token, and a rotated secret
 * starts afresh.
 */
record CacheKeys(String id, byte[] token, byte[] lock) {
    private static final byte[] LABEL = "tollgate/token-cache id v1".getBytes(StandardCharsets.US_ASCII);

    static CacheKeys of(String prefix, CredentialSet credentials, byte[] secret) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        field(fields, LABEL);
        field(fields, credentials.tokenUrl());
        field(fields, credentials.clientId());
        field(fields, String.join(" ", credentials.scopes()));
        for (Map.Entry<String, List<String>> p : credentials.endpointParams().entrySet()) {
            field(fields, p.getKey());
            field(fields, String.join("\u0000", p.getValue()));
        }
        for (Map.Entry<String, String> h : credentials.tokenRequestHeaders().entrySet()) {
            field(fields, "header " + h.getKey());
            field(fields, h.getValue());
        }
        field(fields, credentials.authStyle().configName());
        byte[] key = TokenSealer.hmac(LABEL, secret == null ? new byte[0] : secret);
        String id = HexFormat.of().formatHex(TokenSealer.hmac(key, fields.toByteArray()));
        return new CacheKeys(id, (prefix + ":token:" + id).getBytes(StandardCharsets.US_ASCII),
                (prefix + ":lock:" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The pub/sub channel on which an instance announces the id of a token it stored. */
    static byte[] channel(String prefix) {
        return (prefix + ":token-stored").getBytes(StandardCharsets.US_ASCII);
    }

    /** Length-prefixed, so no two field lists encode alike. */
    private static void field(ByteArrayOutputStream out, String s) {
        field(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, byte[] b) {
        out.write(b.length >>> 24);
        out.write(b.length >>> 16);
        out.write(b.length >>> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    @Override
    public String toString() {
        return "CacheKeys{" + id + '}';
    }
}
