package dev.tributary.runtime.server;

/**
 * The routes of one resource (connectors, sources, runs, ...). Called once while the server is built.
 */
@FunctionalInterface
public interface RouteGroup {

    /** Adds this group's routes. */
    void register(ApiRoutes routes);
}
