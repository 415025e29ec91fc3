package dev.tollgate.auth.jwt;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens whose signature already checked out, so the same token is not verified again on every request: keyed by
 * the token text, kept until its {@code exp} and only while the key set it was checked with is still the current
 * one. One small LRU map per event loop (Armeria's rule: loop-confined state needs no locks), bounded so that a
 * flood of distinct valid tokens costs at most {@value #MAX_PER_THREAD} entries per loop; a token seen on several
 * loops is verified once on each.
 */
final class VerifiedTokenCache {
    /** About 2 KiB per entry (token text and claims): 2 MiB per loop and key source at most. */
    static final int MAX_PER_THREAD = 1024;

    private final int maxEntries;
    private final FastThreadLocal<Map<String, VerifiedToken>> maps = new FastThreadLocal<>() {
        @Override
        protected Map<String, VerifiedToken> initialValue() {
            return new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, VerifiedToken> eldest) {
                    return size() > maxEntries;
                }
            };
        }
    };

    VerifiedTokenCache() {
        this(MAX_PER_THREAD);
    }

    VerifiedTokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The verified token, or null when unknown, expired, or checked against another key set. */
    VerifiedToken get(String token, KeySet current, long nowMillis) {
        Map<String, VerifiedToken> map = maps.get();
        VerifiedToken v = map.get(token);
        if (v == null) {
            return null;
        }
        if (v.keys() != current || v.expMillis() < nowMillis) {
            map.remove(token);
            return null;
        }
        return v;
    }

    void put(String token, VerifiedToken verified) {
        maps.get().put(token, verified);
    }

    /** Entries of the calling thread, for tests. */
    int sizeHere() {
        return maps.get().size();
    }
}
