package dev.tollgate.bench.jmh;

import java.util.Base64;

/** Token values of a realistic size (a signed JWT of about 800 characters), so header writes copy real lengths. */
final class JwtLike {
    private JwtLike() {
    }

    static String token(int seed) {
        StringBuilder payload = new StringBuilder("{\"iss\":\"https://idp.example.com/\",\"sub\":\"bench@clients\"");
        payload.append(",\"aud\":\"https://api.example.com\",\"iat\":1795800000,\"exp\":1795886400,\"seed\":")
                .append(seed).append(",\"scope\":\"");
        for (int i = 0; i < 16; i++) {
            payload.append("read:orders write:orders ");
        }
        payload.append("\"}");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}".getBytes())
                + '.' + b64.encodeToString(payload.toString().getBytes())
                + '.' + b64.encodeToString(new byte[256]);
    }
}
