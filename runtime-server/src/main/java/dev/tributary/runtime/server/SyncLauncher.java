package dev.tributary.runtime.server;

import dev.tributary.runtime.store.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs syncs in the background for the API and the scheduler, at most one per data source, tracked in
 * {@link LiveRuns}. Closing cancels running syncs (they keep what they committed) and waits a bounded time for them.
 * Thread-safe.
 */
final class SyncLauncher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncLauncher.class);

    /** The work of one run: syncs, reporting into the run, and says how it ended. */
    @FunctionalInterface
    interface SyncBody {
        /** Runs the sync; may throw, which ends the run as failed with the exception's message. */
        LiveRun.RunOutcome run(LiveRun run) throws Exception;
    }

    private final LiveRuns runs;
    private final Clock clock;
    private final ExecutorService executor;

    SyncLauncher(Clock clock, Duration shutdownWait) {
        this.clock = clock;
        this.runs = new LiveRuns(shutdownWait);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "tributary-sync-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The runs going and recently ended. */
    LiveRuns runs() {
        return runs;
    }

    /**
     * Registers a run of {@code source} and starts it in the background.
     *
     * @throws ApiError 409 when a run of the source is already going, 503 while shutting down
     */
    LiveRun launch(String runId, String source, SyncBody body) {
        LiveRun run = new LiveRun(runId, source, clock.instant());
        runs.add(run);
        executor.execute(() -> execute(run, body));
        return run;
    }

    private void execute(LiveRun run, SyncBody body) {
        LiveRun.RunOutcome outcome;
        try {
            outcome = body.run(run);
        } catch (Exception e) {
            LOG.warn("sync run {} of '{}' failed", run.runId(), run.source(), e);
            outcome = new LiveRun.RunOutcome(RunStatus.FAILED,
                    Optional.of(Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName())),
                    Optional.empty());
        }
        runs.end(run, outcome);
    }

    /** Cancels running syncs, waits for them up to the shutdown wait, and stops the threads. Idempotent. */
    @Override
    public void close() {
        runs.close();
        executor.shutdown();
        try {
            // Runs already ended or were given up on by runs.close(); the threads only need to return.
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
