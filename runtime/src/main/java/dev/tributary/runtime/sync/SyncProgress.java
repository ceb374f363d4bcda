package dev.tributary.runtime.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Tracks one entity's progress and tells the {@link SyncListener} after every change.
 *
 * <p>Thread-safe: the fetching thread reports totals and waits, the writing thread commits.
 */
final class SyncProgress {

    private final String entity;
    private final Clock clock;
    private final SyncListener listener;
    private Instant started;
    private EntityStatus status = EntityStatus.PENDING;
    private long records;
    private long deletions;
    private long discarded;
    private OptionalLong total = OptionalLong.empty();
    private String detail = "";

    SyncProgress(String entity, Clock clock, SyncListener listener) {
        this.entity = entity;
        this.clock = clock;
        this.listener = listener;
        this.started = clock.instant();
    }

    void pending() {
        notifyListener(update(EntityStatus.PENDING, ""));
    }

    void start() {
        EntityProgress snapshot;
        synchronized (this) {
            started = clock.instant();
            snapshot = update(EntityStatus.RUNNING, "");
        }
        notifyListener(snapshot);
    }

    void running() {
        notifyListener(update(EntityStatus.RUNNING, ""));
    }

    void waiting(EntityStatus waitStatus, String why) {
        notifyListener(update(waitStatus, why));
    }

    void total(OptionalLong value) {
        synchronized (this) {
            total = value;
        }
    }

    /** Counts a committed batch: records written, deletions, and records a schema contract left out. */
    void committed(long newRecords, long newDeletions, long newDiscarded) {
        EntityProgress snapshot;
        synchronized (this) {
            records += newRecords;
            deletions += newDeletions;
            discarded += newDiscarded;
            snapshot = snapshot();
        }
        notifyListener(snapshot);
    }

    EntityResult end(EntityStatus endStatus, Optional<String> error) {
        EntityResult result;
        EntityProgress snapshot;
        synchronized (this) {
            status = endStatus;
            detail = error.orElse("");
            snapshot = snapshot();
            result = new EntityResult(entity, endStatus, records, deletions, snapshot.elapsed(), error,
                    discarded);
        }
        notifyListener(snapshot);
        try {
            listener.onEntityFinished(result);
        } catch (RuntimeException e) {
            warnListenerFailed(e);
        }
        return result;
    }

    private synchronized EntityProgress update(EntityStatus newStatus, String newDetail) {
        status = newStatus;
        detail = newDetail;
        return snapshot();
    }

    synchronized EntityProgress snapshot() {
        Duration elapsed = Duration.between(started, clock.instant());
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds <= 0 ? 0 : records / seconds;
        Optional<Duration> eta = Optional.empty();
        if (total.isPresent() && rate > 0 && !status.isTerminal()) {
            long left = Math.max(0, total.getAsLong() - records);
            eta = Optional.of(Duration.ofMillis((long) (left / rate * 1000)));
        }
        return new EntityProgress(entity, status, records, deletions, total, elapsed, rate, eta, detail,
                discarded);
    }

    /** Tells the listener the source's request budget changed. */
    void budget(String description) {
        try {
            listener.onBudget(description);
        } catch (RuntimeException e) {
            warnListenerFailed(e);
        }
    }

    private void notifyListener(EntityProgress snapshot) {
        try {
            listener.onProgress(snapshot);
        } catch (RuntimeException e) {
            warnListenerFailed(e);
        }
    }

    /** A listener's bug must not stop the sync. */
    private static void warnListenerFailed(RuntimeException e) {
        System.getLogger(SyncProgress.class.getName()).log(System.Logger.Level.WARNING, "sync listener failed", e);
    }
}
