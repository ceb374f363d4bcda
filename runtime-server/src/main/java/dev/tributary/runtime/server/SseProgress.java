package dev.tributary.runtime.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.sync.EntityProgress;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a run's progress as server-sent events: a {@code progress} event per entity whenever its progress changes
 * (records, total, percent, rate, state), then one {@code result} event with the run's outcome, then the stream
 * ends. A client that connects late first gets the latest progress of every entity. Comments keep idle connections
 * open. Runs on the request's thread; the sync never waits for it.
 */
final class SseProgress {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final ObjectMapper json;

    SseProgress(ObjectMapper json) {
        this.json = json;
    }

    /** Streams a live run until it ends or the client goes away. */
    void stream(Context ctx, LiveRun run) throws IOException {
        OutputStream out = open(ctx);
        Map<String, EntityProgress> sent = new HashMap<>();
        long seen = -1;
        try {
            while (true) {
                LiveRun.Snapshot snapshot = run.awaitChange(seen, KEEP_ALIVE);
                if (snapshot.version() == seen && snapshot.outcome().isEmpty()) {
                    write(out, ": keep-alive\n\n");
                    continue;
                }
                seen = snapshot.version();
                for (EntityProgress progress : snapshot.entities().values()) {
                    if (!progress.equals(sent.get(progress.entity()))) {
                        event(out, "progress", RunJson.progress(run.runId(), progress));
                        sent.put(progress.entity(), progress);
                    }
                }
                if (snapshot.outcome().isPresent()) {
                    event(out, "result", RunJson.outcome(run.runId(), run.source(), snapshot.outcome().get()));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Streams the result of a run that ended before this server tracked it (or long ago). */
    void streamEnded(Context ctx, Map<String, Object> result) throws IOException {
        event(open(ctx), "result", result);
    }

    private static OutputStream open(Context ctx) throws IOException {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setHeader("Cache-Control", "no-store");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        out.flush();
        return out;
    }

    private void event(OutputStream out, String name, Object data) throws IOException {
        write(out, "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
