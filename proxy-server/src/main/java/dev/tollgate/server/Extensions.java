package dev.tollgate.server;

import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.core.extension.BackendExtension;
import dev.tollgate.core.modifier.MartianExtension;
import java.util.List;

/**
 * The backend features this build understands, in pipeline order. Client credentials comes first so that its
 * handler has the last word on the outgoing request: the token overwrites any {@code Authorization} a martian
 * header modifier (or the client) set, as KrakenD does.
 */
final class Extensions {
    private Extensions() {
    }

    /** New instances for one gateway: extensions hold per-gateway state such as token holders. */
    static List<BackendExtension<?>> create() {
        return List.of(new ClientCredentialsExtension(), new MartianExtension());
    }
}
