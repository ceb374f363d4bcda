package dev.tributary.runtime.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs this server is executing, at most one per data source, plus the last few that ended (so a progress
 * stream opened just after a quick run ended still sees its per-entity progress). Closing cancels every running
 * sync and waits a bounded time for them to commit and end. Thread-safe.
 */
final class LiveRuns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRuns.class);
    private static final int RECENT = 50;

    private final Duration shutdownWait;
    private final Map<String, LiveRun> bySource = new HashMap<>();
    private final Map<String, LiveRun> byId = new LinkedHashMap<>();
    private boolean closed;

    LiveRuns(Duration shutdownWait) {
        this.shutdownWait = shutdownWait;
    }

    /**
     * Registers a run about to start.
     *
     * @throws ApiError 409 when a run of the source is already going, 503 when the server is shutting down
     */
    synchronized void add(LiveRun run) {
        if (closed) {
            throw new ApiError(503, "shutting_down", "the server is shutting down; no new sync starts",
                    Optional.empty());
        }
        LiveRun running = bySource.get(run.source());
        if (running != null) {
            throw ApiError.conflict("a sync of '" + run.source() + "' is already running (run " + running.runId()
                    + "); cancel it or wait for it to end");
        }
        bySource.put(run.source(), run);
        byId.put(run.runId(), run);
        trim();
    }

    /**
     * Frees the source, then records the run's outcome: whoever sees the outcome may start the source again.
     */
    synchronized void end(LiveRun run, LiveRun.RunOutcome outcome) {
        bySource.remove(run.source(), run);
        run.finish(outcome);
        notifyAll();
    }

    /** The run with this id, running or recently ended. */
    synchronized Optional<LiveRun> find(String runId) {
        return Optional.ofNullable(byId.get(runId));
    }

    /** Whether a run of the source is going. */
    synchronized boolean isRunning(String source) {
        return bySource.containsKey(source);
    }

    /** Cancels every running sync and waits up to the shutdown wait for them to end. Idempotent. */
    @Override
    public void close() {
        List<LiveRun> running;
        synchronized (this) {
            closed = true;
            running = new ArrayList<>(bySource.values());
        }
        running.forEach(LiveRun::cancel);
        if (!running.isEmpty()) {
            LOG.info("cancelling {} running sync(s); they keep what they committed", running.size());
        }
        long deadline = System.nanoTime() + shutdownWait.toNanos();
        synchronized (this) {
            while (!bySource.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} sync(s) did not stop within {}; stopping anyway", bySource.size(), shutdownWait);
                    return;
                }
                try {
                    wait(Math.max(1, Duration.ofNanos(left).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void trim() {
        var ids = byId.entrySet().iterator();
        while (byId.size() > RECENT + bySource.size() && ids.hasNext()) {
            if (ids.next().getValue().isFinished()) {
                ids.remove();
            }
        }
    }
}
