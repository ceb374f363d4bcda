package dev.tributary.runtime.server;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.source.ClaimedSync;
import dev.tributary.runtime.source.SourceSyncOptions;
import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.RunTrigger;
import dev.tributary.runtime.store.SyncRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Syncs of stored data sources started by this server, for API requests and for the {@link Scheduler}: each runs in
 * the background through {@link Tributary#syncSource(String, String, SourceSyncOptions,
 * dev.tributary.runtime.sync.SyncListener, dev.tributary.runtime.sync.CancelHandle)}, reporting into its
 * {@link LiveRun}. Thread-safe.
 */
final class SourceSyncs implements ScheduledSyncs {

    private final Tributary tributary;
    private final SyncLauncher launcher;

    SourceSyncs(Tributary tributary, SyncLauncher launcher) {
        this.tributary = tributary;
        this.launcher = launcher;
    }

    /** The runs going and recently ended. */
    LiveRuns runs() {
        return launcher.runs();
    }

    /**
     * Starts a sync of the named source in the background.
     *
     * @throws dev.tributary.runtime.store.NoSuchDataSourceException when there is no such source
     * @throws dev.tributary.runtime.store.SyncAlreadyRunningException (answered 409) when a sync of it is already
     *     running, here or in another process sharing the store
     * @throws ApiError 409 when a sync of it is already running here
     */
    LiveRun start(String source, SourceSyncOptions options) {
        tributary.source(source);
        String runId = UUID.randomUUID().toString();
        // The lease is taken here, in the request, so a sync already running (in this process or another one
        // sharing the store) is refused with 409 instead of a 202 for a run that would fail at once.
        ClaimedSync claimed = tributary.claimSourceSync(runId, source);
        try {
            return launcher.launch(runId, source, run -> {
                try (claimed) {
                    return LiveRun.RunOutcome.of(claimed.run(options, run, run.cancelHandle()));
                }
            });
        } catch (RuntimeException e) {
            claimed.close();
            throw e;
        }
    }

    @Override
    public List<ScheduledSource> scheduled() {
        return tributary.sources().stream()
                .filter(source -> source.enabled() && source.schedule().isPresent())
                .map(source -> new ScheduledSource(source.name(), source.schedule().get().cron(),
                        source.schedule().get().zone(), lastStart(source)))
                .toList();
    }

    private Instant lastStart(DataSource source) {
        Optional<SyncRun> last = tributary.runs(Optional.of(source.name()), 1).stream().findFirst();
        return last.map(SyncRun::startedAt).filter(started -> started.isAfter(source.createdAt()))
                .orElse(source.createdAt());
    }

    @Override
    public boolean isRunning(String source) {
        return launcher.runs().isRunning(source);
    }

    @Override
    public void start(String source) {
        start(source, SourceSyncOptions.all(RunTrigger.SCHEDULE));
    }
}
