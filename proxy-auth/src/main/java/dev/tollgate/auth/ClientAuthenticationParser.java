package dev.tollgate.auth;

import dev.tollgate.auth.client.AssertionAlgorithm;
import dev.tollgate.auth.client.AuthStyle;
import dev.tollgate.auth.client.CaFile;
import dev.tollgate.auth.client.ClientAuthentication;
import dev.tollgate.auth.client.ClientCertificate;
import dev.tollgate.auth.client.KeyPairs;
import dev.tollgate.auth.client.PemFiles;
import dev.tollgate.auth.client.PemFiles.PemException;
import dev.tollgate.auth.client.SecretSource;
import dev.tollgate.auth.client.SigningKey;
import dev.tollgate.core.config.ConfigObject;
import dev.tollgate.core.config.json.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The client authentication half of an {@code auth/client-credentials} block: {@code auth_style} and the fields
 * each style uses. Keys and certificates are read and checked here, while the config loads, so {@code check}
 * reports a wrong path, a bad PEM or an algorithm that does not fit the key at its JSON path. Messages name files,
 * never their contents, and never repeat a secret.
 */
final class ClientAuthenticationParser {
    private static final List<AuthStyle> JWT_STYLES = List.of(AuthStyle.PRIVATE_KEY_JWT, AuthStyle.CLIENT_SECRET_JWT);

    private final ConfigObject obj;
    private final Instant now;
    private AuthStyle style;

    private ClientAuthenticationParser(ConfigObject obj, Instant now) {
        this.obj = obj;
        this.now = now;
    }

    /** The authentication, or null after reporting errors. */
    static ClientAuthentication parse(ConfigObject obj, Instant now) {
        return new ClientAuthenticationParser(obj, now).parse();
    }

    /** {@code ca_file}, for every style; null when absent or after an error. */
    static CaFile caFile(ConfigObject obj, String tokenUrl) {
        Path file = path(obj, "ca_file");
        if (file == null) {
            return null;
        }
        if (tokenUrl != null && !tokenUrl.regionMatches(true, 0, "https:", 0, 6)) {
            obj.problems().warn(obj.path("ca_file"), "unused: token_url is not https");
        }
        try {
            return new CaFile(file, PemFiles.certificates(file));
        } catch (PemException e) {
            obj.problems().error(obj.path("ca_file"), e.getMessage());
            return null;
        }
    }

    private ClientAuthentication parse() {
        String name = obj.string("auth_style", "auto");
        style = AuthStyle.fromConfig(name);
        if (style == null) {
            obj.problems().error(obj.path("auth_style"), "unknown auth style \"" + name + "\" (expected one of "
                    + String.join(", ", AuthStyle.configNames().stream().map(n -> "\"" + n + "\"").toList()) + ")");
            return null;
        }
        SecretSource secret = secret();
        onlyFor("private_key_file", AuthStyle.PRIVATE_KEY_JWT);
        onlyFor("client_assertion_file", AuthStyle.CLIENT_ASSERTION_FILE);
        onlyFor("client_cert_file", AuthStyle.TLS_CLIENT_AUTH);
        onlyFor("client_key_file", AuthStyle.TLS_CLIENT_AUTH);
        onlyFor("signing_alg", AuthStyle.PRIVATE_KEY_JWT, AuthStyle.CLIENT_SECRET_JWT);
        onlyFor("key_id", AuthStyle.PRIVATE_KEY_JWT, AuthStyle.CLIENT_SECRET_JWT);
        onlyFor("assertion_audience", AuthStyle.PRIVATE_KEY_JWT, AuthStyle.CLIENT_SECRET_JWT);
        String audience = JWT_STYLES.contains(style) ? nonEmpty("assertion_audience") : null;
        return switch (style) {
            case AUTO, HEADER, PARAMS -> secret == null ? null : new ClientAuthentication.SharedSecret(style, secret);
            case CLIENT_SECRET_JWT -> secretJwt(secret, audience);
            case PRIVATE_KEY_JWT -> privateKeyJwt(audience);
            case CLIENT_ASSERTION_FILE -> assertionFile();
            case TLS_CLIENT_AUTH -> tlsClientAuth();
        };
    }

    /** {@code client_secret} or {@code client_secret_file}: exactly one for the styles that use a secret. */
    private SecretSource secret() {
        boolean inline = obj.has("client_secret");
        boolean file = obj.has("client_secret_file");
        if (!style.usesSecret()) {
            for (String key : List.of("client_secret", "client_secret_file")) {
                obj.raw(key);
                if (obj.has(key)) {
                    obj.problems().warn(obj.path(key), "not used with auth_style \"" + style.configName()
                            + "\", ignored");
                }
            }
            return null;
        }
        if (inline && file) {
            obj.raw("client_secret_file");
            obj.problems().error(obj.path("client_secret_file"), "client_secret is set too (expected: one of them)");
            return null;
        }
        if (file) {
            Path path = path(obj, "client_secret_file");
            if (path != null && !Files.isReadable(path)) {
                obj.problems().warn(obj.path("client_secret_file"), path + " cannot be read now; token requests"
                        + " fail until it can (it is read again at every token request)");
            }
            return path == null ? null : new SecretSource.FromFile(path);
        }
        if (!inline) {
            obj.problems().error(obj.path("client_secret"), "is required (or client_secret_file)");
            return null;
        }
        String value = obj.requiredString("client_secret");
        return value == null ? null : new SecretSource.Inline(value);
    }

    private ClientAuthentication secretJwt(SecretSource secret, String audience) {
        String keyId = nonEmpty("key_id");
        AssertionAlgorithm algorithm = AssertionAlgorithm.HS256;
        String name = obj.string("signing_alg", null);
        if (name != null) {
            algorithm = AssertionAlgorithm.fromJwsName(name);
            if (algorithm == null || !algorithm.isHmac()) {
                obj.problems().error(obj.path("signing_alg"), "\"" + name + "\" cannot sign with client_secret"
                        + " (expected one of " + AssertionAlgorithm.names(true) + ")");
                return null;
            }
        }
        if (secret instanceof SecretSource.Inline inline) {
            String tooShort = KeyPairs.hmacKeyTooShort(algorithm, inline.value().getBytes(StandardCharsets.UTF_8));
            if (tooShort != null) {
                obj.problems().error(obj.path("client_secret"), tooShort);
                return null;
            }
        }
        return secret == null ? null : new ClientAuthentication.SecretJwt(secret, algorithm, keyId, audience);
    }

    private ClientAuthentication privateKeyJwt(String audience) {
        String keyId = nonEmpty("key_id");
        Path file = requiredPath("private_key_file");
        if (file == null) {
            return null;
        }
        PrivateKey key;
        try {
            key = PemFiles.privateKey(file);
        } catch (PemException e) {
            obj.problems().error(obj.path("private_key_file"), e.getMessage());
            return null;
        }
        String name = obj.string("signing_alg", null);
        AssertionAlgorithm algorithm = name == null ? AssertionAlgorithm.defaultFor(key)
                : AssertionAlgorithm.fromJwsName(name);
        if (name != null && (algorithm == null || algorithm.isHmac())) {
            obj.problems().error(obj.path("signing_alg"), "unknown signing algorithm \"" + name + "\" for a key"
                    + " (expected one of " + AssertionAlgorithm.names(false) + ")");
            return null;
        }
        if (algorithm == null) {
            obj.problems().error(obj.path("private_key_file"), file + ": no JWS algorithm signs with this key"
                    + " (expected an RSA key, an EC key on P-256, P-384 or P-521, or an Ed25519 key)");
            return null;
        }
        String misfit = algorithm.misfit(key);
        if (misfit != null) {
            obj.problems().error(obj.path(name == null ? "private_key_file" : "signing_alg"), misfit);
            return null;
        }
        return new ClientAuthentication.PrivateKeyJwt(new SigningKey(file, key, algorithm, keyId), audience);
    }

    private ClientAuthentication assertionFile() {
        Path file = requiredPath("client_assertion_file");
        if (file == null) {
            return null;
        }
        if (!Files.isReadable(file)) {
            obj.problems().warn(obj.path("client_assertion_file"), file + " cannot be read now; token requests"
                    + " fail until it can (it is read again at every token request)");
        }
        return new ClientAuthentication.AssertionFile(new SecretSource.FromFile(file));
    }

    private ClientAuthentication tlsClientAuth() {
        Path certFile = requiredPath("client_cert_file");
        Path keyFile = requiredPath("client_key_file");
        String url = obj.raw("token_url") instanceof JsonNode.JsonString s ? s.value() : "";
        if (!url.regionMatches(true, 0, "https:", 0, 6)) {
            obj.problems().error(obj.path("auth_style"), "tls_client_auth needs an https token_url");
        }
        if (certFile == null || keyFile == null) {
            return null;
        }
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = PemFiles.certificates(certFile);
        } catch (PemException e) {
            obj.problems().error(obj.path("client_cert_file"), e.getMessage());
            return null;
        }
        try {
            key = PemFiles.privateKey(keyFile);
        } catch (PemException e) {
            obj.problems().error(obj.path("client_key_file"), e.getMessage());
            return null;
        }
        X509Certificate leaf = chain.get(0);
        if (!KeyPairs.matches(key, leaf.getPublicKey())) {
            obj.problems().error(obj.path("client_key_file"), keyFile + ": this key does not belong to the"
                    + " certificate in " + certFile + " (" + leaf.getSubjectX500Principal().getName() + ")");
            return null;
        }
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            obj.problems().error(obj.path("client_cert_file"), certFile + ": the certificate expired at "
                    + leaf.getNotAfter().toInstant());
            return null;
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            obj.problems().error(obj.path("client_cert_file"), certFile + ": the certificate is not valid before "
                    + leaf.getNotBefore().toInstant());
            return null;
        }
        return new ClientAuthentication.TlsClientAuth(new ClientCertificate(certFile, keyFile, chain, key));
    }

    private void onlyFor(String key, AuthStyle... styles) {
        if (!obj.has(key) || List.of(styles).contains(style)) {
            return;
        }
        obj.raw(key);
        obj.problems().error(obj.path(key), "only used with auth_style " + String.join(" or ",
                List.of(styles).stream().map(s -> "\"" + s.configName() + "\"").toList()) + ", not \""
                + style.configName() + "\"");
    }

    private String nonEmpty(String key) {
        String value = obj.string(key, null);
        if (value != null && value.isEmpty()) {
            obj.problems().error(obj.path(key), "must not be empty");
            return null;
        }
        return value;
    }

    private Path requiredPath(String key) {
        if (!obj.has(key)) {
            obj.problems().error(obj.path(key), "is required with auth_style \"" + style.configName() + "\"");
            return null;
        }
        return path(obj, key);
    }

    private static Path path(ConfigObject obj, String key) {
        String value = obj.string(key, null);
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            obj.problems().error(obj.path(key), "must not be empty (expected: a file path)");
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            obj.problems().error(obj.path(key), "not a valid file path: " + e.getReason());
            return null;
        }
    }
}
