package dev.tributary.runtime.source;

import dev.tributary.runtime.sync.EntityProgress;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SyncListener;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts each entity's failed attempts (every wait before a retry, rate-limit pauses included) and passes every
 * event on. Thread-safe.
 */
final class FailureCounter implements SyncListener {

    private final SyncListener next;
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<String, EntityStatus> lastStatus = new ConcurrentHashMap<>();

    FailureCounter(SyncListener next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void onProgress(EntityProgress progress) {
        EntityStatus previous = lastStatus.put(progress.entity(), progress.status());
        boolean waiting = progress.status() == EntityStatus.RETRYING
                || progress.status() == EntityStatus.RATE_LIMITED;
        if (waiting && previous != progress.status()) {
            failures.computeIfAbsent(progress.entity(), entity -> new AtomicLong()).incrementAndGet();
        }
        next.onProgress(progress);
    }

    @Override
    public void onEntityFinished(EntityResult result) {
        next.onEntityFinished(result);
    }

    @Override
    public void onBudget(String description) {
        next.onBudget(description);
    }

    /** Failed attempts of {@code entity} so far, the final failure included when it failed. */
    long failures(EntityResult result) {
        long waits = failures.getOrDefault(result.entity(), new AtomicLong()).get();
        return result.status() == EntityStatus.FAILED ? waits + 1 : waits;
    }

    /** Starts counting afresh, for the next target database. */
    void reset() {
        failures.clear();
        lastStatus.clear();
    }
}
