package dev.tollgate.bench.peer;

import static java.util.Objects.requireNonNull;

/**
 * One path a peer proxy serves, as one of Tollgate's bench endpoints does: requests for {@code path} go to the
 * origin's {@code originPath}, with {@code authorization} set on the forwarded request when it is not null (the
 * static stand-in for a client-credentials token, so a peer's "-cc" target does the same header work Tollgate's
 * stamping does).
 */
public record PeerRoute(String path, String originPath, String authorization) {
    public PeerRoute {
        requireNonNull(path, "path");
        requireNonNull(originPath, "originPath");
        if (!path.matches("/[A-Za-z0-9/._-]*") || !originPath.matches("/[A-Za-z0-9/._-]*")) {
            // both are pasted into config files: nothing that could end a directive or a quoted string
            throw new IllegalArgumentException("route paths: letters, digits and / . _ - only: " + path + " -> "
                    + originPath);
        }
        if (authorization != null && !authorization.matches("[A-Za-z0-9 ._~+/=-]+")) {
            throw new IllegalArgumentException("authorization: a plain token value expected");
        }
    }
}
