package dev.tributary.runtime.store;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to sync one data source, held by one run until {@link #close()}. While held, a heartbeat renews it;
 * if renewing finds that another process took it over (this one stalled past the lease's lifetime), the lease is
 * {@linkplain #isLost() lost} and the sync should stop.
 *
 * <p>Thread-safe.
 */
public final class SyncLease implements AutoCloseable {

    private final SyncLeases leases;
    private final String sourceId;
    private final String runId;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> onLost = new CopyOnWriteArrayList<>();
    private volatile ScheduledFuture<?> heartbeat;

    SyncLease(SyncLeases leases, String sourceId, String runId) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.runId = Objects.requireNonNull(runId, "runId");
    }

    void heartbeat(ScheduledFuture<?> future) {
        this.heartbeat = future;
    }

    /** The data source's id. */
    public String sourceId() {
        return sourceId;
    }

    /** The run holding the lease. */
    public String runId() {
        return runId;
    }

    /**
     * Extends the lease by its lifetime from now.
     *
     * @return false when the lease was lost: another run took it over after it lapsed
     */
    public boolean renew() {
        if (lost.get() || closed.get()) {
            return false;
        }
        if (!leases.renew(this) && lost.compareAndSet(false, true)) {
            onLost.forEach(Runnable::run);
        }
        return !lost.get();
    }

    /** Runs {@code action} once when a renewal finds the lease lost (e.g. to cancel the sync holding it). */
    public void onLost(Runnable action) {
        onLost.add(action);
    }

    /** Whether another run took the lease over. */
    public boolean isLost() {
        return lost.get();
    }

    /** Stops the heartbeat and gives the lease back (unless it was lost). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ScheduledFuture<?> future = heartbeat;
            if (future != null) {
                future.cancel(false);
            }
            leases.release(this);
        }
    }

    @Override
    public String toString() {
        return "SyncLease[source=" + sourceId + ", run=" + runId + (lost.get() ? ", lost" : "") + "]";
    }
}
