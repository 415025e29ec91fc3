package dev.tollgate.auth.client;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How the client proves who it is to the token endpoint ({@code auth_style} and the fields it uses), parsed and
 * loaded once. Each kind carries exactly what it needs, so the fetcher never meets a half-configured style.
 * {@link #toString()} never shows a secret or a key.
 */
public sealed interface ClientAuthentication {

    AuthStyle style();

    /** {@code auto}, {@code header} or {@code params}: the client secret itself, in the header or the form. */
    record SharedSecret(AuthStyle style, SecretSource secret) implements ClientAuthentication {
        public SharedSecret {
            requireNonNull(style, "style");
            requireNonNull(secret, "secret");
            if (style != AuthStyle.AUTO && style != AuthStyle.HEADER && style != AuthStyle.PARAMS) {
                throw new IllegalArgumentException("style: " + style + " (expected: auto, header or params)");
            }
        }
    }

    /**
     * {@code client_secret_jwt}: an assertion signed with the client secret (HMAC).
     *
     * @param keyId    {@code key_id} for the header's {@code kid}, or null
     * @param audience {@code assertion_audience}, null for the token URL
     */
    record SecretJwt(SecretSource secret, AssertionAlgorithm algorithm, String keyId, String audience)
            implements ClientAuthentication {
        public SecretJwt {
            requireNonNull(secret, "secret");
            requireNonNull(algorithm, "algorithm");
        }

        @Override
        public AuthStyle style() {
            return AuthStyle.CLIENT_SECRET_JWT;
        }
    }

    /**
     * {@code private_key_jwt}: an assertion signed with a private key.
     *
     * @param audience {@code assertion_audience}, null for the token URL
     */
    record PrivateKeyJwt(SigningKey key, String audience) implements ClientAuthentication {
        public PrivateKeyJwt {
            requireNonNull(key, "key");
        }

        @Override
        public AuthStyle style() {
            return AuthStyle.PRIVATE_KEY_JWT;
        }
    }

    /** {@code client_assertion_file}: an assertion someone else made (a projected service-account token). */
    record AssertionFile(SecretSource.FromFile file) implements ClientAuthentication {
        public AssertionFile {
            requireNonNull(file, "file");
        }

        public Path path() {
            return file.file();
        }

        @Override
        public AuthStyle style() {
            return AuthStyle.CLIENT_ASSERTION_FILE;
        }
    }

    /** {@code tls_client_auth}: the TLS client certificate is the proof; the form only names the client. */
    record TlsClientAuth(ClientCertificate certificate) implements ClientAuthentication {
        public TlsClientAuth {
            requireNonNull(certificate, "certificate");
        }

        @Override
        public AuthStyle style() {
            return AuthStyle.TLS_CLIENT_AUTH;
        }
    }
}
