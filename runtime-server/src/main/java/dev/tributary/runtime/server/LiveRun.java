package dev.tributary.runtime.server;

import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.EntityProgress;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.SyncListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A sync run this server started and that has not ended yet, as seen live: the latest progress of each entity and,
 * once it ends, its outcome. The engine reports into it as a {@link SyncListener}; SSE streams read it with
 * {@link #awaitChange}, so a slow client never slows the sync down (it just sees coalesced updates).
 *
 * <p>Thread-safe: the engine's threads write, request threads read.
 */
final class LiveRun implements SyncListener {

    /**
     * What a reader sees at one moment.
     *
     * @param version grows with every change
     * @param entities the latest progress per entity, in the order they were first reported
     * @param outcome how the run ended; absent while it runs
     */
    record Snapshot(long version, Map<String, EntityProgress> entities, Optional<RunOutcome> outcome) {
    }

    /**
     * How a run ended.
     *
     * @param status how it ended: never {@link RunStatus#RUNNING}
     * @param error why the run as a whole failed; absent when it did not
     * @param run the run as recorded in the store; absent when it failed before being recorded
     */
    record RunOutcome(RunStatus status, Optional<String> error, Optional<SyncRun> run) {
        RunOutcome {
            if (!Objects.requireNonNull(status, "status").isFinal()) {
                throw new IllegalArgumentException("a run outcome needs a final status, was " + status);
            }
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(run, "run");
        }

        /** The outcome of a run recorded in the store. */
        static RunOutcome of(SyncRun run) {
            return new RunOutcome(run.status(), run.error(), Optional.of(run));
        }
    }

    private final String runId;
    private final String source;
    private final Instant startedAt;
    private final CancelHandle cancel = new CancelHandle();
    private final Map<String, EntityProgress> entities = new LinkedHashMap<>();
    private long version;
    private Optional<RunOutcome> outcome = Optional.empty();

    LiveRun(String runId, String source, Instant startedAt) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.source = Objects.requireNonNull(source, "source");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    String runId() {
        return runId;
    }

    String source() {
        return source;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The handle the engine watches; {@link #cancel()} trips it. */
    CancelHandle cancelHandle() {
        return cancel;
    }

    /** Asks the sync to stop; it commits up to its last batch and ends as cancelled. */
    void cancel() {
        cancel.cancel();
    }

    @Override
    public synchronized void onProgress(EntityProgress progress) {
        entities.put(progress.entity(), progress);
        changed();
    }

    @Override
    public synchronized void onEntityFinished(EntityResult result) {
        EntityProgress last = entities.get(result.entity());
        entities.put(result.entity(), new EntityProgress(result.entity(), result.status(), result.records(),
                result.deletions(), last == null ? OptionalLong.empty() : last.total(), result.duration(),
                result.recordsPerSecond(), Optional.of(Duration.ZERO), result.error().orElse(""),
                result.discarded()));
        changed();
    }

    /** Records how the run ended and wakes every reader. Only the first call counts. */
    synchronized void finish(RunOutcome result) {
        if (outcome.isEmpty()) {
            outcome = Optional.of(result);
            changed();
        }
    }

    /** Whether the run has ended. */
    synchronized boolean isFinished() {
        return outcome.isPresent();
    }

    /** The current state. */
    synchronized Snapshot snapshot() {
        return new Snapshot(version, Collections.unmodifiableMap(new LinkedHashMap<>(entities)), outcome);
    }

    /**
     * Waits until the state is newer than {@code seenVersion}, the run ended, or the timeout passed, then returns
     * the state (unchanged on timeout).
     */
    synchronized Snapshot awaitChange(long seenVersion, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (version <= seenVersion && outcome.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, Duration.ofNanos(left).toMillis()));
        }
        return snapshot();
    }

    private void changed() {
        version++;
        notifyAll();
    }
}
