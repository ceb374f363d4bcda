package dev.tributary.runtime.store;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps two syncs of one data source apart, within a process and across processes sharing the store.
 *
 * <p>A lease is a row of {@code sync_leases} (data source id, owner, run id, expiry). Acquiring is one atomic
 * {@code INSERT … ON CONFLICT DO UPDATE … WHERE expires_at < now}, which both SQLite and PostgreSQL run as a single
 * statement, so exactly one contender wins. The holder renews the expiry every third of the lease's lifetime; a
 * process killed with {@code kill -9} stops renewing, its lease lapses, and the next sync takes it over and marks
 * the dead run failed. A lease row was chosen over database locks because SQLite has no row or advisory locks (its
 * one write lock would block every other write, run recording included, for the whole sync) and because a row shows
 * who holds the source, which a lock cannot tell; the expiry is what keeps a dead holder from blocking forever.
 *
 * <p>Thread-safe. {@link #close()} stops the heartbeat thread.
 */
public final class SyncLeases implements AutoCloseable {

    /** How long a lease lives without renewal. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(SyncLeases.class.getName());

    private final Store store;
    private final SyncRuns runs;
    private final Clock clock;
    private final Duration lifetime;
    private final String owner;
    private final ScheduledExecutorService heartbeats;

    /**
     * @param lifetime how long a lease lives without renewal; renewed every third of it
     * @param owner names this process in messages, e.g. {@code pid 4242 on host-a}
     */
    public SyncLeases(Store store, SyncRuns runs, Clock clock, Duration lifetime, String owner) {
        this.store = Objects.requireNonNull(store, "store");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.toMillis() < 3) {
            throw new IllegalArgumentException("lease lifetime must be at least 3 ms, was " + lifetime);
        }
        this.owner = Objects.requireNonNull(owner, "owner");
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tributary-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Names this process: {@code pid <pid> on <host>}. */
    public static String processOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host;
    }

    /**
     * Takes the lease of {@code source} for run {@code runId} and starts renewing it.
     *
     * @throws SyncAlreadyRunningException when another run holds an unexpired lease
     */
    public SyncLease acquire(DataSource source, String runId) {
        SyncLease lease = store.inTransaction("taking the sync lease of '" + source.name() + "'",
                connection -> acquire(connection, source, runId));
        long period = lifetime.toMillis() / 3;
        lease.heartbeat(heartbeats.scheduleAtFixedRate(() -> beat(lease), period, period, TimeUnit.MILLISECONDS));
        return lease;
    }

    private SyncLease acquire(Connection connection, DataSource source, String runId) throws SQLException {
        long now = clock.millis();
        Optional<Holder> previous = holder(connection, source.id());
        if (previous.isPresent() && previous.get().expiresAt() >= now) {
            throw previous.get().refusal(source.name());
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO sync_leases (source_id, owner,"
                + " run_id, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET"
                + " owner = excluded.owner, run_id = excluded.run_id, acquired_at = excluded.acquired_at,"
                + " expires_at = excluded.expires_at WHERE sync_leases.expires_at < ?")) {
            upsert.setString(1, source.id());
            upsert.setString(2, owner + " #" + UUID.randomUUID().toString().substring(0, 8));
            upsert.setString(3, runId);
            upsert.setLong(4, now);
            upsert.setLong(5, now + lifetime.toMillis());
            upsert.setLong(6, now);
            if (upsert.executeUpdate() == 0) {
                Holder winner = holder(connection, source.id()).orElseThrow();
                throw winner.refusal(source.name());
            }
        }
        if (previous.isPresent()) {
            runs.abandon(connection, previous.get().runId(), "abandoned: its process (" + previous.get().owner()
                    + ") stopped renewing the sync lease, which lapsed at "
                    + Instant.ofEpochMilli(previous.get().expiresAt()));
        }
        return new SyncLease(this, source.id(), runId);
    }

    private static Optional<Holder> holder(Connection connection, String sourceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT owner, run_id, acquired_at, expires_at FROM sync_leases WHERE source_id = ?")) {
            select.setString(1, sourceId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Holder(row.getString(1), row.getString(2), row.getLong(3),
                        row.getLong(4))) : Optional.empty();
            }
        }
    }

    private void beat(SyncLease lease) {
        try {
            if (!lease.renew()) {
                LOG.log(Level.WARNING, "lost the sync lease of data source " + lease.sourceId() + " (run "
                        + lease.runId() + "): another run took it over");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not renew the sync lease of data source " + lease.sourceId()
                    + "; retrying at the next heartbeat: " + e.getMessage());
        }
    }

    boolean renew(SyncLease lease) {
        return store.inTransaction("renewing the sync lease of " + lease.sourceId(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE sync_leases SET expires_at = ? WHERE source_id = ? AND run_id = ?")) {
                update.setLong(1, clock.millis() + lifetime.toMillis());
                update.setString(2, lease.sourceId());
                update.setString(3, lease.runId());
                return update.executeUpdate() == 1;
            }
        });
    }

    void release(SyncLease lease) {
        store.inTransaction("releasing the sync lease of " + lease.sourceId(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM sync_leases WHERE source_id = ? AND run_id = ?")) {
                delete.setString(1, lease.sourceId());
                delete.setString(2, lease.runId());
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Stops renewing leases; held leases then lapse unless closed first. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
    }

    private record Holder(String owner, String runId, long acquiredAt, long expiresAt) {

        SyncAlreadyRunningException refusal(String sourceName) {
            return new SyncAlreadyRunningException(sourceName, owner, runId, Instant.ofEpochMilli(acquiredAt),
                    Instant.ofEpochMilli(expiresAt));
        }
    }
}
