package dev.tributary.runtime.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * {@code GET /metrics}: every meter of the registry in the Prometheus text format, for a Prometheus scraper. It asks
 * for an API token like the API does, unless the server was told to serve metrics publicly
 * ({@code --metrics-public}), for scrapers on a private network. Thread-safe.
 */
final class MetricsRoutes implements RouteGroup {

    /** The Prometheus text exposition format, version 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Optional<TokenAuth> auth;

    /**
     * @param auth the tokens a scraper must present; empty to serve metrics without one
     */
    MetricsRoutes(PrometheusMeterRegistry registry, Optional<TokenAuth> auth) {
        this.registry = registry;
        this.auth = auth;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.getOutsideApi("/metrics", ctx -> {
            ctx.header("Cache-Control", "no-store");
            if (auth.isPresent() && !auth.get().accepts(Optional.ofNullable(ctx.header("Authorization")))) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw ApiError.unauthorized();
            }
            ctx.contentType(CONTENT_TYPE).result(registry.scrape());
        });
    }
}
