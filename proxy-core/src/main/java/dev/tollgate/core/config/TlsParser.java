package dev.tollgate.core.config;

import dev.tollgate.core.config.json.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the top-level {@code tls} block as lura's server does ({@code transport/http/server}): versions default
 * to TLS 1.3 only, lura's six ECDHE suites unless {@code cipher_suites} lists others, every key pair must name
 * both files. Stricter where lura would start and fail later or weaken silently: a file that does not exist, SSL
 * 3.0, a broken (RC4, 3DES) or unknown suite, an unknown curve, a minimum above the maximum are errors here.
 */
final class TlsParser {
    static final String KEY = "tls";

    private TlsParser() {
    }

    /** Null when absent or {@code disabled} (plain HTTP, as KrakenD serves it). */
    static TlsConfig parse(ConfigObject root) {
        ConfigObject o = root.object(KEY);
        if (o == null) {
            return null;
        }
        if (o.bool("disabled", false)) {
            for (String k : o.keys()) {
                o.raw(k); // a disabled block is not read further, as in lura
            }
            return null;
        }
        List<TlsConfig.KeyPair> keys = new ArrayList<>();
        String pub = o.string("public_key", null);
        String priv = o.string("private_key", null);
        if (pub != null || priv != null) {
            keys.add(pair(o, o.path("public_key"), pub, o.path("private_key"), priv));
        }
        List<JsonNode> more = o.array("keys");
        for (int i = 0; i < more.size(); i++) {
            ConfigObject k = ConfigObject.of(more.get(i), o.path("keys").index(i), o.problems());
            keys.add(pair(o, k.path("public_key"), k.string("public_key", null), k.path("private_key"),
                    k.string("private_key", null)));
            k.warnUnknownKeys();
        }
        if (keys.isEmpty()) {
            o.problems().error(o.path(), "needs public_key and private_key (or keys[]): the certificate to serve "
                    + "HTTPS with");
        }
        List<String> protocols = protocols(o);
        List<String> suites = suites(o);
        List<String> groups = curves(o);
        boolean mtls = o.bool("enable_mtls", false);
        List<Path> cas = new ArrayList<>();
        for (String ca : o.stringList("ca_certs")) {
            cas.add(existing(o, o.path("ca_certs"), ca));
        }
        boolean systemPool = !o.bool("disable_system_ca_pool", false);
        // Go lets the client's suite order win only on TLS 1.2 with this false; the JDK's server order is fine.
        o.bool("prefer_server_cipher_suites", false);
        o.warnUnknownKeys();
        return new TlsConfig(keys, protocols, suites, groups, mtls, cas, systemPool);
    }

    private static TlsConfig.KeyPair pair(ConfigObject o, JsonPath pubAt, String pub, JsonPath privAt, String priv) {
        if (pub == null || pub.isEmpty()) {
            o.problems().error(pubAt, "is required: the certificate chain file (PEM)");
        }
        if (priv == null || priv.isEmpty()) {
            o.problems().error(privAt, "is required: the private key file (PEM)");
        }
        return new TlsConfig.KeyPair(existing(o, pubAt, pub), existing(o, privAt, priv));
    }

    private static Path existing(ConfigObject o, JsonPath at, String file) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            o.problems().error(at, "\"" + file + "\": " + (Files.exists(p) ? "cannot be read" : "no such file"));
        }
        return p;
    }

    private static List<String> protocols(ConfigObject o) {
        String min = version(o, "min_version");
        String max = version(o, "max_version");
        int from = TlsNames.PROTOCOLS.indexOf(min);
        int to = TlsNames.PROTOCOLS.indexOf(max);
        if (from > to) {
            o.problems().error(o.path("min_version"), "is above max_version: no TLS version is left");
            return List.of("TLSv1.3");
        }
        if (from < TlsNames.PROTOCOLS.indexOf("TLSv1.2")) {
            o.problems().warn(o.path("min_version"), "allows " + min + ", which browsers and the JDK no longer "
                    + "accept by default");
        }
        return TlsNames.PROTOCOLS.subList(from, to + 1);
    }

    private static String version(ConfigObject o, String key) {
        String v = o.string(key, null);
        if (v == null) {
            return "TLSv1.3";
        }
        if (v.equals("SSL3.0")) {
            o.problems().error(o.path(key), "SSL 3.0 is broken (POODLE) and not available; use TLS12 or TLS13");
            return "TLSv1.3";
        }
        String jdk = TlsNames.VERSIONS.get(v);
        if (jdk == null) {
            o.problems().warn(o.path(key), "\"" + v + "\" is not one of TLS10, TLS11, TLS12, TLS13: TLS 1.3 is used, "
                    + "as lura uses it");
            return "TLSv1.3";
        }
        return jdk;
    }

    private static List<String> suites(ConfigObject o) {
        List<JsonNode> ids = o.array("cipher_suites");
        if (ids.isEmpty()) {
            return TlsNames.DEFAULT_CIPHER_SUITES;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonPath at = o.path("cipher_suites").index(i);
            Integer id = number(o, at, ids.get(i));
            if (id == null) {
                continue;
            }
            String name = TlsNames.CIPHER_SUITES.get(id);
            if (name != null) {
                out.add(name);
            } else if (TlsNames.BROKEN_SUITES.containsKey(id)) {
                o.problems().error(at, TlsNames.BROKEN_SUITES.get(id) + " is broken; leave it out");
            } else if (id >= 0x1301 && id <= 0x1303) {
                o.problems().warn(at, "is a TLS 1.3 suite, always enabled (Go does not let them be configured)");
            } else {
                o.problems().error(at, id + " is not a cipher suite Go's crypto/tls (so KrakenD) knows");
            }
        }
        return out;
    }

    private static List<String> curves(ConfigObject o) {
        List<JsonNode> ids = o.array("curve_preferences");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonPath at = o.path("curve_preferences").index(i);
            Integer id = number(o, at, ids.get(i));
            if (id == null) {
                continue;
            }
            String name = TlsNames.CURVES.get(id);
            if (name == null) {
                o.problems().error(at, id + " is not a curve (expected 23 P-256, 24 P-384, 25 P-521, 29 X25519 or "
                        + "30 X448)");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static Integer number(ConfigObject o, JsonPath at, JsonNode v) {
        if (v instanceof JsonNode.JsonNumber n && n.integral()
                && n.value().compareTo(BigDecimal.ZERO) >= 0 && n.value().compareTo(BigDecimal.valueOf(65535)) <= 0) {
            return n.value().intValue();
        }
        o.problems().error(at, "expected a number from 0 to 65535 (Go's uint16), got " + v.typeName());
        return null;
    }
}
