package dev.tributary.runtime.server;

import dev.tributary.runtime.Tributary;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /healthz} (liveness) and {@code GET /readyz} (readiness), served without a token for health checks
 * that cannot hold one. They answer {@code ok} / {@code ready} or, when not ready, 503 with one word —
 * {@code stopping} once the server has begun to shut down, {@code store} when the store of data sources does not
 * answer a query — and never anything about sources, plugins or versions. Plugins are loaded before the server
 * listens, so a server that answers is past plugin loading. Thread-safe.
 */
final class ProbeRoutes implements RouteGroup {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeRoutes.class);

    private final Optional<Tributary> runtime;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** @param runtime whose store readiness checks; absent for a server without one */
    ProbeRoutes(Optional<Tributary> runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.getOutsideApi("/healthz", ctx -> answer(ctx, 200, "ok"));
        routes.getOutsideApi("/readyz", ctx -> notReady().ifPresentOrElse(reason -> answer(ctx, 503, reason),
                () -> answer(ctx, 200, "ready")));
    }

    /** From now on readiness answers {@code stopping}, so load balancers stop sending new work. */
    void markStopping() {
        stopping.set(true);
    }

    private Optional<String> notReady() {
        if (stopping.get()) {
            return Optional.of("stopping");
        }
        if (runtime.isPresent()) {
            try {
                runtime.get().checkStore();
            } catch (RuntimeException e) {
                LOG.warn("not ready: the store does not answer: {}", e.getMessage());
                return Optional.of("store");
            }
        }
        return Optional.empty();
    }

    private static void answer(Context ctx, int status, String word) {
        ctx.status(status).header("Cache-Control", "no-store").contentType("text/plain").result(word);
    }
}
