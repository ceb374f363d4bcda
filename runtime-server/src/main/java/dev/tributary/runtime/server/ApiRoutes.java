package dev.tributary.runtime.server;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Registers API routes on the server (under {@code /api/}, plus the few top-level ones such as {@code /metrics}) and
 * remembers each one, so the OpenAPI document can be checked against what is really served. Used by
 * {@link RouteGroup}s while the server is being built, on one thread; not thread-safe.
 */
public final class ApiRoutes {

    /**
     * One registered route.
     *
     * @param method the HTTP method in upper case
     * @param path the path template with {@code {name}} parameters, as in OpenAPI
     */
    public record Route(String method, String path) {
        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
        }
    }

    private final Javalin app;
    private final List<Route> routes = new ArrayList<>();

    ApiRoutes(Javalin app) {
        this.app = app;
    }

    /** Serves {@code GET path}. */
    public void get(String path, Handler handler) {
        app.get(record("GET", path), handler);
    }

    /**
     * Serves {@code GET path} outside {@code /api/}, for probes and scrapers: the server checks no token there, so
     * the handler decides who may read it.
     *
     * @param path a top-level path such as {@code /metrics}
     */
    public void getOutsideApi(String path, Handler handler) {
        if (!path.startsWith("/") || path.startsWith("/api/")) {
            throw new IllegalArgumentException("a route outside the API must not live under /api/: " + path);
        }
        routes.add(new Route("GET", path));
        app.get(path, handler);
    }

    /**
     * Serves {@code POST path} outside {@code /api/}, for callers that cannot hold a token (a SaaS source delivering
     * webhooks): the server checks no token there, so the handler authenticates the request itself.
     *
     * @param path a top-level path such as {@code /webhooks/{source}}
     */
    public void postOutsideApi(String path, Handler handler) {
        if (!path.startsWith("/") || path.startsWith("/api/")) {
            throw new IllegalArgumentException("a route outside the API must not live under /api/: " + path);
        }
        routes.add(new Route("POST", path));
        app.post(path, handler);
    }

    /** Serves {@code POST path}. */
    public void post(String path, Handler handler) {
        app.post(record("POST", path), handler);
    }

    /** Serves {@code PUT path}. */
    public void put(String path, Handler handler) {
        app.put(record("PUT", path), handler);
    }

    /** Serves {@code DELETE path}. */
    public void delete(String path, Handler handler) {
        app.delete(record("DELETE", path), handler);
    }

    /** The routes registered so far, in order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    private String record(String method, String path) {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("API routes live under /api/: " + path);
        }
        routes.add(new Route(method, path));
        return path;
    }
}
