package dev.tollgate.bench.idp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The token endpoint's logic, free of Netty: checks client credentials the two ways RFC 6749 allows, issues
 * opaque random tokens and keeps the counters the harness reads, also per client (the harness's
 * {@code --credential-sets}: one client id per set, {@code <id>-set-1} ... {@code <id>-set-N}, all with the same
 * secret). Thread-safe (counters are atomics).
 */
final class TokenIssuer {
    /** What a token request turned into: the HTTP status and the JSON body. */
    record Answer(int status, String json) {
    }

    private final Set<String> clientIds;
    private final String clientSecret;
    private final Map<String, LongAdder> perClient = new ConcurrentHashMap<>();
    private final int expiresIn;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong firstMillis = new AtomicLong();
    private final AtomicLong lastMillis = new AtomicLong();

    TokenIssuer(String clientId, String clientSecret, int expiresIn) {
        this(clientId, 0, clientSecret, expiresIn);
    }

    /** @param sets how many more client ids are accepted: {@code clientId-set-1} ... {@code clientId-set-<sets>} */
    TokenIssuer(String clientId, int sets, String clientSecret, int expiresIn) {
        Set<String> ids = new java.util.HashSet<>();
        ids.add(clientId);
        for (int i = 1; i <= sets; i++) {
            ids.add(setClientId(clientId, i));
        }
        this.clientIds = Set.copyOf(ids);
        this.clientSecret = clientSecret;
        this.expiresIn = expiresIn;
    }

    /** Handles one {@code POST /token} given its {@code Authorization} header (may be null) and form body. */
    Answer token(String authorization, String formBody) {
        long now = System.currentTimeMillis();
        requests.incrementAndGet();
        firstMillis.compareAndSet(0, now);
        lastMillis.set(now);
        Map<String, String> form = parseForm(formBody);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            rejected.incrementAndGet();
            return new Answer(400, "{\"error\":\"unsupported_grant_type\"}");
        }
        String client = authenticated(authorization, form);
        if (client == null) {
            rejected.incrementAndGet();
            return new Answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials\"}");
        }
        perClient.computeIfAbsent(client, c -> new LongAdder()).increment();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = "bench-" + issued.incrementAndGet() + '-' + HexFormat.of().formatHex(bytes);
        return new Answer(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
                + expiresIn + "}");
    }

    String statsJson() {
        return "{\"token_requests\":" + requests.get() + ",\"issued\":" + issued.get() + ",\"rejected\":"
                + rejected.get() + ",\"first_epoch_ms\":" + firstMillis.get() + ",\"last_epoch_ms\":"
                + lastMillis.get() + ",\"expires_in\":" + expiresIn + ",\"per_client\":" + perClientJson() + "}";
    }

    /** The client id of credential set {@code n} (1-based). */
    static String setClientId(String clientId, int n) {
        return clientId + "-set-" + n;
    }

    /** Tokens issued per client id, sorted: {@code {"bench":3,"bench-set-1":3}} (ids are our own, plain ASCII). */
    private String perClientJson() {
        StringBuilder json = new StringBuilder("{");
        new TreeMap<>(perClient).forEach((id, count) -> json.append(json.length() > 1 ? "," : "").append('"')
                .append(id).append("\":").append(count.sum()));
        return json.append('}').toString();
    }

    /** The authenticated client id, or null. */
    private String authenticated(String authorization, Map<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return known(decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1)));
        }
        return known(form.get("client_id"), form.get("client_secret"));
    }

    private String known(String id, String secret) {
        return id != null && clientIds.contains(id) && clientSecret.equals(secret) ? id : null;
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            form.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return form;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
