package dev.tollgate.auth.jwt;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoop;
import java.nio.file.Path;

/** {@code jwk_local_path}: the set read while the config loaded, never fetched again (as KrakenD). */
final class LocalKeyProvider implements KeyProvider {
    private final KeySet keys;
    private final String describe;

    LocalKeyProvider(Path path, KeySet keys) {
        this.keys = requireNonNull(keys, "keys");
        this.describe = "jwk_local_path " + path;
    }

    @Override
    public KeySet current() {
        return keys;
    }

    @Override
    public boolean fetching() {
        return false;
    }

    @Override
    public boolean refetchForUnknownKey() {
        return false;
    }

    @Override
    public void afterFetch(EventLoop loop, Runnable then) {
        then.run();
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public String describe() {
        return describe;
    }
}
