package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.source.SourceSyncOptions;
import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.RunTrigger;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tributary sync NAME}: syncs a stored data source into each of its target databases, records the run and
 * prints its summary. Exits {@code 0} when every entity synced, {@code 1} otherwise, also when another sync of the
 * same data source is running.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Sync a data source.")
final class SyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    PluginsOption plugins;

    @Mixin
    StoreOption store;

    @Parameters(paramLabel = "NAME", description = "The data source's name.")
    String name;

    @Option(names = "--entity", paramLabel = "ENTITY", description = "Sync only this entity; repeatable.")
    List<String> entities = new ArrayList<>();

    @Option(names = "--full-refresh", description = "Replace every table instead of syncing incrementally.")
    boolean fullRefresh;

    @Override
    public Integer call() {
        CancelHandle cancel = new CancelHandle();
        Thread hook = new Thread(cancel::cancel, "tributary-sync-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        SyncRun run;
        try (Tributary tributary = store.open(plugins)) {
            run = tributary.syncSource(name, new SourceSyncOptions(entities, fullRefresh, RunTrigger.CLI),
                    SyncListener.NONE, cancel);
        } finally {
            removeQuietly(hook);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            JsonOption.print(out, RunView.toJson(run));
        } else {
            RunView.printText(out, run);
        }
        return run.status() == RunStatus.SUCCEEDED ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs and cancels the sync.
        }
    }
}
