package dev.tollgate.server;

import dev.tollgate.core.extension.Extension;
import java.util.List;

/** For tests in other packages: the extensions {@code run} builds its gateway with. */
public final class ServerExtensions {
    private ServerExtensions() {
    }

    public static List<Extension<?>> create() {
        return Extensions.create();
    }
}
