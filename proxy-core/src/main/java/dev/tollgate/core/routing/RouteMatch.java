package dev.tollgate.core.routing;

/**
 * The router's answer for one request: a target with its bound path parameters, or why there is none.
 *
 * @param <T> what a route leads to
 */
public final class RouteMatch<T> {
    public enum Outcome { FOUND, NOT_FOUND, METHOD_NOT_ALLOWED }

    @SuppressWarnings("rawtypes")
    private static final RouteMatch NOT_FOUND = new RouteMatch<>(Outcome.NOT_FOUND, null, null, null);

    private final Outcome outcome;
    private final T target;
    private final String[] params;
    private final String allow;

    private RouteMatch(Outcome outcome, T target, String[] params, String allow) {
        this.outcome = outcome;
        this.target = target;
        this.params = params;
        this.allow = allow;
    }

    static <T> RouteMatch<T> found(T target, String[] params) {
        return new RouteMatch<>(Outcome.FOUND, target, params, null);
    }

    @SuppressWarnings("unchecked")
    static <T> RouteMatch<T> notFound() {
        return NOT_FOUND;
    }

    static <T> RouteMatch<T> methodNotAllowed(String allow) {
        return new RouteMatch<>(Outcome.METHOD_NOT_ALLOWED, null, null, allow);
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean found() {
        return outcome == Outcome.FOUND;
    }

    /** The matched target; null unless {@link #found()}. */
    public T target() {
        return target;
    }

    /** Parameter values in the template's declaration order (shared, do not modify); null unless found. */
    public String[] params() {
        return params;
    }

    /** The {@code Allow} header value for a 405, e.g. {@code "GET, POST"}. */
    public String allow() {
        return allow;
    }
}
