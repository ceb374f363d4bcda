package dev.tributary.runtime.cli;

import dev.tributary.runtime.SyncJob;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.config.ConfigArguments;
import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.source.SourceSyncOptions;
import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.RunTrigger;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.spi.config.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tributary sync NAME}: syncs a stored data source into each of its target databases and records the run
 * (see {@code tributary runs}); a second sync of the same data source, here or in another process, is refused.
 * {@code tributary sync --connector ID}: an ad-hoc sync of a connector into a destination. Validates the
 * configuration before any request, shows progress on standard error, ends with a summary per entity (or a JSON
 * document with {@code --json}). Exit codes: 0 every entity done, 1 some failed (or, for NAME, the data source is
 * being synced elsewhere), 2 usage or configuration error, 130 interrupted (SIGINT/SIGTERM: fetching stops, nothing
 * partial is committed, the next run resumes).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Sync a stored data source (NAME), or a connector ad hoc (--connector) into a database.")
final class SyncCommand implements Callable<Integer> {

    /** The exit code of a sync stopped by SIGINT or SIGTERM. */
    static final int INTERRUPTED = 130;


    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Parameters(paramLabel = "NAME", arity = "0..1",
            description = "A stored data source: synced into its target databases with its settings.")
    String name;

    @Option(names = "--connector", paramLabel = "ID", description = "Ad hoc: the connector id (instead of NAME).")
    String connector;

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "A configuration value; repeatable. VALUE env:NAME reads environment variable NAME.")
    List<String> config = new ArrayList<>();

    @Option(names = "--config-file", paramLabel = "FILE",
            description = "A JSON object or YAML mapping (.yaml, .yml) of configuration values; --config values override it.")
    Path configFile;

    @Option(names = "--destination", paramLabel = "URL",
            description = "jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=U (password from PGPASSWORD);"
                    + " default jdbc:sqlite:<home>/warehouse.db.")
    String destination;

    @Option(names = "--schema", paramLabel = "S", description = "The PostgreSQL schema to write into.")
    String schema;

    @Option(names = "--entity", paramLabel = "NAME", description = "An entity to sync; repeatable (default all).")
    List<String> entities = new ArrayList<>();

    @Option(names = "--full-refresh", description = "Replace every table instead of syncing incrementally.")
    boolean fullRefresh;

    @Option(names = "--table-prefix", paramLabel = "P", description = "Table prefix (default the connector id).")
    String tablePrefix;

    @Option(names = "--batch-size", paramLabel = "N", description = "Records per batch and page (default 100).")
    Integer batchSize;

    @Option(names = "--requests-per-second", paramLabel = "R", description = "Request budget; default the connector's"
            + " declared budget, else 10.")
    Double requestsPerSecond;

    @Option(names = "--max-retries", paramLabel = "N", description = "Retries in a row before an entity fails"
            + " (default 5).")
    Integer maxRetries;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "After SIGINT/SIGTERM, how long the sync may take to commit its batch in flight and stop"
                    + " before the process exits anyway, the uncommitted batch rolled back (default: ${DEFAULT-VALUE}).")
    int stopTimeoutSeconds;

    @Override
    public Integer call() {
        if ((name == null) == (connector == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give either a data source NAME or --connector ID for an ad-hoc sync");
        }
        if (stopTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--stop-timeout must be at least 1 second, not "
                    + stopTimeoutSeconds);
        }
        return name != null ? syncStoredSource() : syncAdHoc();
    }

    private Integer syncStoredSource() {
        List<String> adHocOnly = new ArrayList<>();
        addIf(adHocOnly, !config.isEmpty() || configFile != null, "--config/--config-file");
        addIf(adHocOnly, destination != null || schema != null, "--destination/--schema");
        addIf(adHocOnly, tablePrefix != null, "--table-prefix");
        addIf(adHocOnly, batchSize != null || requestsPerSecond != null || maxRetries != null,
                "--batch-size/--requests-per-second/--max-retries");
        if (!adHocOnly.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(", ", adHocOnly) + " apply to ad-hoc"
                    + " syncs with --connector; change a stored data source with 'tributary sources update " + name
                    + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        CancelHandle cancel = new CancelHandle();
        ProgressDisplay progress = new ProgressDisplay(spec.commandLine().getErr(), System.console() != null,
                Duration.ofSeconds(5), System::currentTimeMillis);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = interruptHook(cancel, finished);
        try (Tributary tributary = options.open()) {
            SyncRun run = tributary.syncSource(name, new SourceSyncOptions(entities, fullRefresh, RunTrigger.CLI),
                    progress, cancel);
            progress.finish();
            if (options.json.enabled) {
                JsonOption.print(out, RunView.toJson(run));
            } else {
                RunView.printText(out, run);
            }
            return run.status() == RunStatus.CANCELLED ? INTERRUPTED : run.status() == RunStatus.SUCCEEDED
                    ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        } finally {
            finished.countDown();
            removeQuietly(hook);
        }
    }

    private static void addIf(List<String> list, boolean condition, String option) {
        if (condition) {
            list.add(option);
        }
    }

    /**
     * Cancels the sync on SIGINT/SIGTERM, waits up to {@code --stop-timeout} for it to stop cleanly, then exits 130.
     */
    private Thread interruptHook(CancelHandle cancel, CountDownLatch finished) {
        PrintWriter err = spec.commandLine().getErr();
        Thread hook = new Thread(() -> {
            cancel.cancel();
            if (!awaitQuietly(finished, Duration.ofSeconds(stopTimeoutSeconds))) {
                err.println("tributary: the sync did not stop within " + stopTimeoutSeconds + " s (--stop-timeout);"
                        + " exiting, its uncommitted batch is rolled back and the next run resumes from the last"
                        + " commit");
                err.flush();
            }
            Runtime.getRuntime().halt(INTERRUPTED);
        }, "tributary-sync-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private Integer syncAdHoc() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> raw = rawConfig();
        Settings settings = settings();
        CancelHandle cancel = new CancelHandle();
        ProgressDisplay progress = new ProgressDisplay(err, System.console() != null, Duration.ofSeconds(5),
                System::currentTimeMillis);
        SyncJob.Builder job = SyncJob.builder(connector).config(raw).entities(entities).fullRefresh(fullRefresh)
                .settings(settings).requestRateSet(requestsPerSecond != null).listener(progress).cancel(cancel);
        if (destination != null) {
            job.destination(destination);
        }
        if (schema != null) {
            job.schema(schema);
        }
        if (tablePrefix != null) {
            job.tablePrefix(tablePrefix);
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = interruptHook(cancel, finished);
        try (Tributary tributary = options.plugins.open()) {
            SyncResult result = tributary.sync(job.build());
            progress.finish();
            if (options.json.enabled) {
                JsonOption.print(out, toJson(result));
            } else {
                printSummary(out, result);
            }
            return result.cancelled() ? INTERRUPTED : result.succeeded() ? CommandLine.ExitCode.OK
                    : CommandLine.ExitCode.SOFTWARE;
        } catch (ConfigValidationException e) {
            err.println("tributary: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } finally {
            finished.countDown();
            removeQuietly(hook);
        }
    }

    private Map<String, Object> rawConfig() {
        Map<String, Object> raw = new LinkedHashMap<>();
        if (configFile != null) {
            try {
                raw.putAll(ConfigFile.read(configFile));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        try {
            raw.putAll(new ConfigArguments().parse(config));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return raw;
    }

    private Settings settings() {
        Settings settings = Settings.DEFAULTS;
        try {
            if (batchSize != null) {
                settings = settings.withBatchSize(batchSize);
            }
            if (requestsPerSecond != null) {
                settings = settings.withRequestsPerSecond(requestsPerSecond);
            }
            if (maxRetries != null) {
                settings = settings.withMaxRetries(maxRetries);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return settings;
    }

    private static void printSummary(PrintWriter out, SyncResult result) {
        TextTable table = new TextTable("ENTITY", "STATUS", "RECORDS", "DELETIONS", "DURATION", "RATE", "ERROR");
        for (EntityResult entity : result.entities()) {
            table.row(entity.entity(), entity.status().name().toLowerCase(), RunView.written(entity.records(),
                    entity.discarded()),
                    String.valueOf(entity.deletions()), ProgressDisplay.formatDuration(entity.duration()),
                    String.format("%.0f/s", entity.recordsPerSecond()), entity.error().orElse(""));
        }
        table.print(out);
        long failed = result.entities().stream().filter(e -> !e.succeeded()).count();
        out.println(failed == 0 ? "Synced " + result.entities().size() + " entities in "
                + ProgressDisplay.formatDuration(result.duration()) + "."
                : failed + " of " + result.entities().size() + " entities did not finish; the next run resumes"
                        + " from their last commit.");
        result.budget().ifPresent(budget -> out.println(budget.summary().substring(0, 1).toUpperCase()
                + budget.summary().substring(1) + "."));
        out.flush();
    }

    private static Map<String, Object> toJson(SyncResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("succeeded", result.succeeded());
        json.put("cancelled", result.cancelled());
        json.put("durationMillis", result.duration().toMillis());
        List<Map<String, Object>> entities = new ArrayList<>();
        for (EntityResult entity : result.entities()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("entity", entity.entity());
            item.put("status", entity.status().name().toLowerCase());
            item.put("records", entity.records());
            item.put("discarded", entity.discarded());
            item.put("deletions", entity.deletions());
            item.put("durationMillis", entity.duration().toMillis());
            item.put("recordsPerSecond", Math.round(entity.recordsPerSecond() * 10) / 10.0);
            item.put("error", entity.error().orElse(null));
            entities.add(item);
        }
        json.put("entities", entities);
        result.budget().ifPresent(budget -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("requestsPerSecond", budget.requestsPerSecond());
            item.put("origin", budget.origin());
            item.put("basis", budget.basis());
            item.put("limiting", budget.limiting());
            item.put("summary", budget.summary());
            json.put("requestBudget", item);
        });
        return json;
    }

    /** Whether the latch opened within {@code timeout}. */
    private static boolean awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running and will halt with 130.
        }
    }
}
