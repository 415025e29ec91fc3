package dev.tollgate.core.extension;

import static java.util.Objects.requireNonNull;

import dev.tollgate.core.config.EndpointConfig;
import dev.tollgate.core.config.Placeholders;
import dev.tollgate.core.routing.PathTemplate;
import java.util.List;

/**
 * The request parameters an endpoint's backends take from its guard rather than from the path: krakend-jose's
 * {@code {JWT.sub}} in a url_pattern, filled from the verified token. They sit in the request's parameter array
 * right after the path's ({@link #offset}), in {@link #names} order; the core makes the room
 * ({@code GuardedRoute}), the guard that owns them writes them ({@link #set}), the backend's URL template reads
 * them. An endpoint without such placeholders has none, and its requests carry the router's array unchanged.
 */
public final class GuardParams {
    /** No guard values: the parameter array is the router's. */
    public static final GuardParams NONE = new GuardParams(0, List.of());

    private final int offset;
    private final List<String> names;

    private GuardParams(int offset, List<String> names) {
        this.offset = offset;
        this.names = names;
    }

    /** The {@code {JWT.x}} placeholders of the endpoint's backends, after its path parameters. */
    public static GuardParams of(EndpointConfig endpoint) {
        requireNonNull(endpoint, "endpoint");
        PathTemplate path = PathTemplate.parse(endpoint.path());
        // a path parameter that happens to be named {JWT.x} binds first, as in the config check and lura
        List<String> jwt = Placeholders.jwt(endpoint.backends()).stream().filter(n -> path.paramIndex(n) < 0)
                .toList();
        return of(path.paramCount(), jwt);
    }

    /** @param offset the endpoint path's parameter count */
    public static GuardParams of(int offset, List<String> names) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
        return names.isEmpty() ? NONE : new GuardParams(offset, List.copyOf(names));
    }

    /** How many slots the guard fills; zero for most endpoints. */
    public int size() {
        return names.size();
    }

    /** The placeholder names as written, prefix included ({@code JWT.sub}), in slot order. */
    public List<String> names() {
        return names;
    }

    /** Where the first slot is in the parameter array: the endpoint path's parameter count. */
    public int offset() {
        return offset;
    }

    /**
     * Writes slot {@code i}. A value that would not address a backend resource refuses: empty (KrakenD sends an
     * empty segment), {@code .} or {@code ..} (the backend would resolve it as a path step, as a path parameter's
     * dot segment is refused by the router).
     *
     * @return false, leaving the slot empty, when the value is unusable and the guard should refuse the request
     */
    public boolean set(String[] params, int i, String value) {
        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
            return false;
        }
        params[offset + i] = value;
        return true;
    }
}
