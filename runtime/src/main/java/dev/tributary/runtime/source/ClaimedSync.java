package dev.tributary.runtime.source;

import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.SyncLease;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sync of a stored data source whose lease is already taken, ready to run once (possibly on another thread).
 * Closing it releases the lease; {@link #run} releases it too when it ends. Thread-safe.
 */
public final class ClaimedSync implements AutoCloseable {

    private final StoredSources owner;
    private final DataSource source;
    private final String runId;
    private final SyncLease lease;
    private final AtomicBoolean used = new AtomicBoolean();

    ClaimedSync(StoredSources owner, DataSource source, String runId, SyncLease lease) {
        this.owner = owner;
        this.source = source;
        this.runId = runId;
        this.lease = lease;
    }

    /** The id the run is recorded under. */
    public String runId() {
        return runId;
    }

    /**
     * Syncs the data source into each of its target databases, records the run, and releases the lease.
     *
     * @return the finished run; entity failures are reported there, not thrown
     * @throws IllegalStateException when called a second time
     */
    public SyncRun run(SourceSyncOptions options, SyncListener listener, CancelHandle cancel) {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("run " + runId + " was already started");
        }
        try (lease) {
            return owner.run(source, runId, lease, options, listener, cancel);
        }
    }

    /** Releases the lease unless {@link #run} has taken charge of it. Idempotent. */
    @Override
    public void close() {
        if (used.compareAndSet(false, true)) {
            lease.close();
        }
    }
}
