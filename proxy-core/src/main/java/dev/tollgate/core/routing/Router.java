package dev.tollgate.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps method and path to a target, built once at startup and read-only afterwards (safe on every event loop).
 * Static paths are one hash lookup; templated paths are tried most specific first, each a segment-wise match
 * without regular expressions. A path that matches with another method answers 405 with the allowed methods.
 *
 * @param <T> what a route leads to (the server uses its request handlers)
 */
public final class Router<T> {
    private static final String[] NO_PARAMS = new String[0];

    private final Map<String, PathRoutes<T>> staticPaths;
    private final PathRoutes<T>[] templated;

    private Router(Map<String, PathRoutes<T>> staticPaths, PathRoutes<T>[] templated) {
        this.staticPaths = staticPaths;
        this.templated = templated;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * Routes one request.
     *
     * @param method upper-case method name
     * @param path   the request path without query string
     */
    public RouteMatch<T> match(String method, String path) {
        PathRoutes<T> routes = staticPaths.get(path);
        if (routes != null) {
            RouteMatch<T> found = routes.staticMatches.get(method);
            return found != null ? found : routes.notAllowed;
        }
        for (PathRoutes<T> candidate : templated) {
            String[] values = new String[candidate.template.paramCount()];
            if (candidate.template.match(path, values)) {
                T target = candidate.byMethod.get(method);
                return target != null ? RouteMatch.found(target, values) : candidate.notAllowed;
            }
        }
        return RouteMatch.notFound();
    }

    /** All methods and targets registered under one path template. */
    private static final class PathRoutes<T> {
        final PathTemplate template;
        final Map<String, T> byMethod = new LinkedHashMap<>();
        /** For static paths: the answer for each method, built once so a static route allocates nothing. */
        final Map<String, RouteMatch<T>> staticMatches = new HashMap<>();
        RouteMatch<T> notAllowed;

        PathRoutes(PathTemplate template) {
            this.template = template;
        }
    }

    /** Collects routes; {@link #build()} precomputes the lookup structures. */
    public static final class Builder<T> {
        private final Map<String, PathRoutes<T>> byPath = new LinkedHashMap<>();

        private Builder() {
        }

        /** @throws IllegalArgumentException when the same method and path are registered twice */
        public Builder<T> add(String method, PathTemplate template, T target) {
            requireNonNull(method, "method");
            requireNonNull(template, "template");
            requireNonNull(target, "target");
            PathRoutes<T> routes = byPath.computeIfAbsent(template.text(), k -> new PathRoutes<>(template));
            if (routes.byMethod.putIfAbsent(method, target) != null) {
                throw new IllegalArgumentException("duplicate route: " + method + " " + template);
            }
            return this;
        }

        public Router<T> build() {
            Map<String, PathRoutes<T>> statics = new HashMap<>();
            List<PathRoutes<T>> templated = new ArrayList<>();
            for (PathRoutes<T> routes : byPath.values()) {
                routes.notAllowed = RouteMatch.methodNotAllowed(String.join(", ", routes.byMethod.keySet()));
                if (routes.template.isStatic()) {
                    routes.byMethod.forEach((m, t) -> routes.staticMatches.put(m, RouteMatch.found(t, NO_PARAMS)));
                    statics.put(routes.template.text(), routes);
                } else {
                    templated.add(routes);
                }
            }
            templated.sort((a, b) -> PathTemplate.compareSpecificity(a.template, b.template));
            @SuppressWarnings("unchecked")
            PathRoutes<T>[] array = templated.toArray(new PathRoutes[0]);
            return new Router<>(statics, array);
        }
    }
}
