package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.SyncRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary runs [NAME]}: the newest sync runs first, of one data source or of all. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Show the sync run history.")
final class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only runs of this data source.")
    String name;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs (default: 20).")
    int limit;

    @Override
    public Integer call() {
        List<SyncRun> runs;
        try (Tributary tributary = options.open()) {
            runs = tributary.runs(Optional.ofNullable(name), limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json.enabled) {
            JsonOption.print(out, runs.stream().map(RunView::toJson).toList());
        } else if (runs.isEmpty()) {
            out.println("No runs yet.");
        } else {
            TextTable table = new TextTable("RUN", "SOURCE", "TRIGGER", "STARTED", "DURATION", "STATUS", "RECORDS",
                    "ERROR");
            for (SyncRun run : runs) {
                table.row(run.id(), run.sourceName(), run.trigger().name().toLowerCase(Locale.ROOT),
                        run.startedAt().toString(), run.endedAt().map(end -> Duration.between(run.startedAt(), end)
                                .toMillis() / 1000.0 + " s").orElse("running"),
                        run.status().name(), Long.toString(run.records()), firstError(run));
            }
            table.print(out);
        }
        return CommandLine.ExitCode.OK;
    }

    /** The run's own error, else the first entity error, else nothing. */
    private static String firstError(SyncRun run) {
        return run.error().or(() -> run.entities().stream().flatMap(result -> result.error().stream()).findFirst())
                .orElse("");
    }
}
