package dev.tollgate.server;

import dev.tollgate.core.extension.BackendExtension;
import java.util.List;

/** For tests in other packages: the backend extensions {@code run} builds its gateway with. */
public final class ServerExtensions {
    private ServerExtensions() {
    }

    public static List<BackendExtension<?>> create() {
        return Extensions.create();
    }
}
