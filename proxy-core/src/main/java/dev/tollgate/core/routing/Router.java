package dev.tollgate.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps method and path to a target, built once at startup and read-only afterwards (safe on every event loop).
 * Static paths are one hash lookup and win over templates; templated paths are found by a segment trie
 * ({@link TemplateTrie}: at the first segment where matching templates differ a literal beats a parameter, same-shape
 * templates keep registration order), without regular expressions and allocating only the bound values. The first
 * matching path decides: if it lacks the request's method the answer is 405 with its allowed methods, never a
 * fallback to a less specific template.
 *
 * @param <T> what a route leads to (the server uses its request handlers)
 */
public final class Router<T> {
    private static final String[] NO_PARAMS = new String[0];

    private final Map<String, PathRoutes<T>> staticPaths;
    private final TemplateTrie<PathRoutes<T>> templated;

    private Router(Map<String, PathRoutes<T>> staticPaths, TemplateTrie<PathRoutes<T>> templated) {
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
        PathRoutes<T> candidate = templated.find(path);
        if (candidate == null) {
            return RouteMatch.notFound();
        }
        T target = candidate.byMethod.get(method);
        return target != null ? RouteMatch.found(target, candidate.template.bind(path)) : candidate.notAllowed;
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
            TemplateTrie<PathRoutes<T>> templated = new TemplateTrie<>();
            for (PathRoutes<T> routes : byPath.values()) {
                routes.notAllowed = RouteMatch.methodNotAllowed(String.join(", ", routes.byMethod.keySet()));
                if (routes.template.isStatic()) {
                    routes.byMethod.forEach((m, t) -> routes.staticMatches.put(m, RouteMatch.found(t, NO_PARAMS)));
                    statics.put(routes.template.text(), routes);
                } else {
                    templated.add(routes.template, routes);
                }
            }
            templated.seal();
            return new Router<>(statics, templated);
        }
    }
}
