package dev.tollgate.server;

import dev.tollgate.auth.ClientCredentialsExtension;
import dev.tollgate.auth.jwt.JwtValidatorExtension;
import dev.tollgate.core.extension.Extension;
import dev.tollgate.core.modifier.MartianExtension;
import java.util.List;

/**
 * The features this build understands, in order. Backend extensions: client credentials comes first so that its
 * handler has the last word on the outgoing request (the token overwrites any {@code Authorization} a martian
 * header modifier, or the client, set), as KrakenD does. Endpoint guards run in list order: JWT validation before
 * any rate limit, as KrakenD checks the token first.
 */
final class Extensions {
    private Extensions() {
    }

    /** New instances for one gateway: extensions hold per-gateway state such as token holders and key sets. */
    static List<Extension<?>> create() {
        return List.of(new JwtValidatorExtension(), new ClientCredentialsExtension(), new MartianExtension());
    }
}
