package dev.tributary.runtime.server;

import dev.tributary.runtime.store.EntityRunResult;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.sync.EntityProgress;
import dev.tributary.runtime.sync.EntityStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of runs, per-entity progress and run results, shared by the REST routes and the SSE stream. */
final class RunJson {

    private RunJson() {
    }

    /** One entity's live progress: records, total (null when unknown), percent, rate, state. */
    static Map<String, Object> progress(String runId, EntityProgress progress) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", runId);
        json.put("entity", progress.entity());
        json.put("state", lower(progress.status()));
        json.put("records", progress.records());
        json.put("discarded", progress.discarded());
        json.put("deletions", progress.deletions());
        json.put("total", progress.total().isPresent() ? progress.total().getAsLong() : null);
        json.put("percent", percent(progress));
        json.put("rate", Math.round(progress.recordsPerSecond() * 10) / 10.0);
        json.put("etaSeconds", progress.eta().map(Duration::toSeconds).orElse(null));
        json.put("detail", progress.detail());
        return json;
    }

    private static Object percent(EntityProgress progress) {
        if (progress.status() == EntityStatus.DONE) {
            return 100;
        }
        if (progress.total().isEmpty()) {
            return null;
        }
        long total = progress.total().getAsLong();
        return total <= 0 ? 100 : (int) Math.min(100, progress.records() * 100 / total);
    }

    /** How a run this server executed ended: the stored run, or the reason it never got recorded. */
    static Map<String, Object> outcome(String runId, String source, LiveRun.RunOutcome outcome) {
        if (outcome.run().isPresent()) {
            return run(outcome.run().get());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", runId);
        json.put("source", source);
        json.put("trigger", null);
        json.put("status", lower(outcome.status()));
        json.put("startedAt", null);
        json.put("endedAt", null);
        json.put("records", 0);
        json.put("error", outcome.error().orElse(null));
        json.put("entities", List.of());
        return json;
    }

    /** A run from the history. */
    static Map<String, Object> run(SyncRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id());
        json.put("source", run.sourceName());
        json.put("trigger", lower(run.trigger()));
        json.put("status", lower(run.status()));
        json.put("startedAt", run.startedAt().toString());
        json.put("endedAt", run.endedAt().map(Object::toString).orElse(null));
        json.put("records", run.records());
        json.put("error", run.error().orElse(null));
        json.put("entities", run.entities().stream().map(RunJson::entityRun).toList());
        return json;
    }

    private static Map<String, Object> entityRun(EntityRunResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entity", result.entity());
        json.put("targetDatabase", result.targetDatabase());
        json.put("status", lower(result.status()));
        json.put("records", result.records());
        json.put("discarded", result.discarded());
        json.put("deletions", result.deletions());
        json.put("errors", result.errors());
        json.put("error", result.error().orElse(null));
        return json;
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
