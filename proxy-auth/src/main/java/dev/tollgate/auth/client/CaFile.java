package dev.tollgate.auth.client;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * {@code ca_file}: certificates trusted for the token URL in addition to the system roots (a private CA), read when
 * the config loads. Equal when the file is.
 */
public record CaFile(Path file, List<X509Certificate> certificates) {

    public CaFile {
        requireNonNull(file, "file");
        certificates = List.copyOf(certificates);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CaFile c && file.equals(c.file) && certificates.equals(c.certificates);
    }

    @Override
    public int hashCode() {
        return file.hashCode();
    }

    @Override
    public String toString() {
        return "CaFile{file=" + file + ", certificates=" + certificates.size() + '}';
    }
}
