package dev.tributary.runtime.cli;

import dev.tributary.runtime.store.EntityRunResult;
import dev.tributary.runtime.store.SyncRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How a sync run is shown: a summary with one line per entity and target, and as JSON. */
final class RunView {

    private RunView() {
    }

    static Map<String, Object> toJson(SyncRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id());
        json.put("source", run.sourceName());
        json.put("trigger", run.trigger().name().toLowerCase(Locale.ROOT));
        json.put("status", run.status().name().toLowerCase(Locale.ROOT));
        json.put("startedAt", run.startedAt().toString());
        json.put("endedAt", run.endedAt().map(Object::toString).orElse(null));
        json.put("records", run.records());
        json.put("error", run.error().orElse(null));
        json.put("entities", run.entities().stream().map(RunView::toJson).toList());
        return json;
    }

    private static Map<String, Object> toJson(EntityRunResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("targetDatabase", result.targetDatabase());
        json.put("entity", result.entity());
        json.put("status", result.status().name().toLowerCase(Locale.ROOT));
        json.put("records", result.records());
        json.put("discarded", result.discarded());
        json.put("deletions", result.deletions());
        json.put("errors", result.errors());
        json.put("error", result.error().orElse(null));
        return json;
    }

    /** Prints the run's summary and its per-entity results. */
    static void printText(PrintWriter out, SyncRun run) {
        String took = run.endedAt().map(end -> " in " + seconds(Duration.between(run.startedAt(), end))).orElse("");
        out.println("Run " + run.id() + " of " + run.sourceName() + ": " + run.status() + took + ", "
                + run.records() + " records" + run.error().map(error -> " — " + error).orElse(""));
        TextTable table = new TextTable("TARGET", "ENTITY", "STATUS", "RECORDS", "DELETIONS", "ERRORS", "ERROR");
        for (EntityRunResult result : run.entities()) {
            table.row(result.targetDatabase(), result.entity(), result.status().name(),
                    written(result.records(), result.discarded()), Long.toString(result.deletions()), Long.toString(result.errors()),
                    result.error().orElse(""));
        }
        if (!run.entities().isEmpty()) {
            table.print(out);
        }
    }

    /** The records cell: "N", or "N written, M discarded (schema contract)" when a schema contract left some out. */
    static String written(long records, long discarded) {
        return discarded == 0 ? Long.toString(records)
                : records + " written, " + discarded + " discarded (schema contract)";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
