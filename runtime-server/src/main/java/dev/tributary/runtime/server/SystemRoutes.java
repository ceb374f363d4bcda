package dev.tributary.runtime.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /api/health} and {@code GET /api/openapi.json} (the hand-written document in this package's resources).
 * Stateless, thread-safe.
 */
final class SystemRoutes implements RouteGroup {

    /** The classpath location of the OpenAPI document. */
    static final String OPENAPI_RESOURCE = "openapi.json";

    private final byte[] openApi;

    SystemRoutes() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the server jar lacks its " + OPENAPI_RESOURCE + " resource");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/health", ctx -> ctx.json(Map.of("status", "ok")));
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }
}
