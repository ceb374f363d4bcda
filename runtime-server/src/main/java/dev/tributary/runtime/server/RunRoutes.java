package dev.tributary.runtime.server;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.SyncRun;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/runs}: run history, one run (with live per-entity progress while it runs), cancelling a run, and its
 * progress as server-sent events. Thread-safe.
 */
final class RunRoutes implements RouteGroup {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final Tributary tributary;
    private final LiveRuns live;
    private final SseProgress sse;

    RunRoutes(Tributary tributary, LiveRuns live, SseProgress sse) {
        this.tributary = tributary;
        this.live = live;
        this.sse = sse;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/runs", ctx -> ctx.json(Map.of("runs", tributary.runs(
                Optional.ofNullable(ctx.queryParam("source")).filter(s -> !s.isBlank()), limit(ctx))
                .stream().map(RunJson::run).toList())));
        routes.get("/api/runs/{id}", this::show);
        routes.delete("/api/runs/{id}", this::cancel);
        routes.get("/api/runs/{id}/events", this::events);
    }

    private void show(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<LiveRun> running = live.find(id);
        Optional<SyncRun> stored = tributary.run(id);
        Map<String, Object> answer;
        if (stored.isPresent()) {
            answer = RunJson.run(stored.get());
        } else if (running.isPresent() && running.get().snapshot().outcome().isPresent()) {
            answer = RunJson.outcome(id, running.get().source(), running.get().snapshot().outcome().get());
        } else if (running.isPresent()) {
            answer = new LinkedHashMap<>(Map.of("id", id, "source", running.get().source(), "status", "running",
                    "startedAt", running.get().startedAt().toString()));
        } else {
            throw ApiError.notFound("run", id);
        }
        if (running.isPresent()) {
            answer = new LinkedHashMap<>(answer);
            answer.put("progress", running.get().snapshot().entities().values().stream()
                    .map(progress -> RunJson.progress(id, progress)).toList());
        }
        ctx.json(answer);
    }

    private void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<LiveRun> running = live.find(id);
        if (running.isPresent() && !running.get().isFinished()) {
            running.get().cancel();
            ctx.status(202).json(Map.of("runId", id, "status", "cancelling"));
            return;
        }
        Optional<SyncRun> stored = tributary.run(id);
        if (running.isEmpty() && stored.isEmpty()) {
            throw ApiError.notFound("run", id);
        }
        if (stored.isPresent() && !stored.get().status().isFinal()) {
            throw ApiError.conflict("run " + id + " is not running in this server (another process runs it);"
                    + " cancel it there");
        }
        throw ApiError.conflict("run " + id + " has already ended");
    }

    private void events(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        Optional<LiveRun> running = live.find(id);
        if (running.isPresent()) {
            sse.stream(ctx, running.get());
            return;
        }
        SyncRun stored = tributary.run(id).orElseThrow(() -> ApiError.notFound("run", id));
        if (!stored.status().isFinal()) {
            throw ApiError.conflict("run " + id + " runs in another process; its progress is only streamed there");
        }
        sse.streamEnded(ctx, RunJson.run(stored));
    }

    private static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_request", "limit must be a whole number from 1 to " + MAX_LIMIT,
                    Optional.of("limit"));
        }
    }
}
