package dev.tollgate.auth.client;

import static java.util.Objects.requireNonNull;

import dev.tollgate.auth.token.TokenFetchException;
import dev.tollgate.auth.token.TokenFetchException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a secret comes from: the config itself ({@code client_secret}) or a file read again at every token request
 * ({@code client_secret_file}, {@code client_assertion_file}), so a rotated Kubernetes or Docker secret is used
 * without a restart. {@link #toString()} never shows a secret.
 */
public sealed interface SecretSource {

    /**
     * The secret now.
     *
     * @param what how the failure message names it ({@code "client_secret_file"})
     * @throws TokenFetchException (reason {@link Reason#CREDENTIALS}) when a file is missing, unreadable or empty
     */
    String read(String what) throws TokenFetchException;

    /** {@code client_secret} as written in the config. */
    record Inline(String value) implements SecretSource {
        public Inline {
            requireNonNull(value, "value");
        }

        @Override
        public String read(String what) {
            return value;
        }

        @Override
        public String toString() {
            return "<redacted>";
        }
    }

    /** A file holding the secret; surrounding whitespace (the newline an editor or {@code echo} adds) is dropped. */
    record FromFile(Path file) implements SecretSource {
        /** Larger is not a secret or an assertion: refuse it rather than send megabytes to the identity provider. */
        static final long MAX_BYTES = 64 * 1024;

        public FromFile {
            requireNonNull(file, "file");
        }

        @Override
        public String read(String what) throws TokenFetchException {
            String text;
            try {
                if (Files.size(file) > MAX_BYTES) {
                    throw failure(what, "is larger than " + MAX_BYTES + " bytes");
                }
                text = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw failure(what, "does not exist");
            } catch (IOException | RuntimeException e) {
                throw failure(what, "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            if (text.isEmpty()) {
                throw failure(what, "is empty");
            }
            return text;
        }

        private TokenFetchException failure(String what, String why) {
            return new TokenFetchException(Reason.CREDENTIALS, what + " " + file + " " + why
                    + "; no token request sent, the file is read again at the next attempt");
        }

        @Override
        public String toString() {
            return "file:" + file;
        }
    }
}
