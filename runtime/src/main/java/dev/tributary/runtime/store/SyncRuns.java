package dev.tributary.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The run history in a {@link Store}: a run is started, gets one result per entity and target, and is finished.
 *
 * <p>Thread-safe.
 */
public final class SyncRuns {

    private final Store store;
    private final Clock clock;

    public SyncRuns(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks that the store holding the runs answers a query now.
     *
     * @throws StoreException when it cannot be reached
     */
    public void checkReachable() {
        store.checkReachable();
    }

    /** Records that run {@code runId} of {@code source} started now. */
    public SyncRun start(String runId, DataSource source, RunTrigger trigger) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        store.inTransaction("recording the start of a run of '" + source.name() + "'", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sync_runs (id, source_id,"
                    + " source_name, trigger_kind, started_at, status) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, runId);
                insert.setString(2, source.id());
                insert.setString(3, source.name());
                insert.setString(4, trigger.name());
                insert.setLong(5, now.toEpochMilli());
                insert.setString(6, RunStatus.RUNNING.name());
                insert.executeUpdate();
            }
            return null;
        });
        return new SyncRun(runId, source.id(), source.name(), trigger, now, Optional.empty(), RunStatus.RUNNING,
                Optional.empty(), List.of());
    }

    /** Records (or replaces) the result of one entity in one target of run {@code runId}. */
    public void recordEntity(String runId, EntityRunResult result) {
        store.inTransaction("recording entity '" + result.entity() + "' of run " + runId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sync_run_entities WHERE"
                    + " run_id = ? AND target_database = ? AND entity = ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO sync_run_entities (run_id,"
                            + " target_database, entity, status, records, deletions, errors, error, discarded)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, runId);
                delete.setString(2, result.targetDatabase());
                delete.setString(3, result.entity());
                delete.executeUpdate();
                insert.setString(1, runId);
                insert.setString(2, result.targetDatabase());
                insert.setString(3, result.entity());
                insert.setString(4, result.status().name());
                insert.setLong(5, result.records());
                insert.setLong(6, result.deletions());
                insert.setLong(7, result.errors());
                insert.setString(8, result.error().orElse(null));
                insert.setLong(9, result.discarded());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records that run {@code runId} ended now with {@code status}.
     *
     * @return the run as stored
     * @throws IllegalArgumentException when {@code status} is {@link RunStatus#RUNNING}
     */
    public SyncRun finish(String runId, RunStatus status, Optional<String> error) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a run cannot finish as " + status);
        }
        return store.inTransaction("recording the end of run " + runId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE sync_runs SET ended_at = ?, status = ?, error = ? WHERE id = ?")) {
                update.setLong(1, clock.millis());
                update.setString(2, status.name());
                update.setString(3, error.orElse(null));
                update.setString(4, runId);
                if (update.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no run with id " + runId);
                }
            }
            return find(connection, runId).orElseThrow();
        });
    }

    /** Marks a run that is still {@link RunStatus#RUNNING} as failed, e.g. because its process died. */
    void abandon(Connection connection, String runId, String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sync_runs SET ended_at = ?, status = ?,"
                + " error = ? WHERE id = ? AND status = ?")) {
            update.setLong(1, clock.millis());
            update.setString(2, RunStatus.FAILED.name());
            update.setString(3, reason);
            update.setString(4, runId);
            update.setString(5, RunStatus.RUNNING.name());
            update.executeUpdate();
        }
    }

    /** The webhook activity of the data sources, kept in the same store as the runs. */
    public WebhookHistory webhookHistory() {
        return new WebhookHistory(store);
    }

    /** The run with this id; empty when there is none. */
    public Optional<SyncRun> find(String runId) {
        return store.read("reading run " + runId, connection -> find(connection, runId));
    }

    /**
     * The newest runs first, at most {@code limit}, of the named data source or (when empty) of all.
     *
     * @throws IllegalArgumentException when {@code limit} is not positive
     */
    public List<SyncRun> list(Optional<String> sourceName, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return store.read("listing runs", connection -> {
            String where = sourceName.isPresent() ? " WHERE source_name = ?" : "";
            List<SyncRun> runs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM sync_runs" + where
                    + " ORDER BY started_at DESC, id DESC LIMIT " + limit)) {
                if (sourceName.isPresent()) {
                    select.setString(1, sourceName.get());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        runs.add(read(connection, rows));
                    }
                }
            }
            return runs;
        });
    }

    private Optional<SyncRun> find(Connection connection, String runId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM sync_runs WHERE id = ?")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(connection, rows)) : Optional.empty();
            }
        }
    }

    private SyncRun read(Connection connection, ResultSet row) throws SQLException {
        String id = row.getString("id");
        long ended = row.getLong("ended_at");
        Optional<Instant> endedAt = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
        return new SyncRun(id, row.getString("source_id"), row.getString("source_name"),
                RunTrigger.valueOf(row.getString("trigger_kind")), Instant.ofEpochMilli(row.getLong("started_at")),
                endedAt, RunStatus.valueOf(row.getString("status")), Optional.ofNullable(row.getString("error")),
                entities(connection, id));
    }

    private static List<EntityRunResult> entities(Connection connection, String runId) throws SQLException {
        List<EntityRunResult> results = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM sync_run_entities WHERE"
                + " run_id = ? ORDER BY target_database, entity")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    results.add(new EntityRunResult(rows.getString("target_database"), rows.getString("entity"),
                            RunStatus.valueOf(rows.getString("status")), rows.getLong("records"),
                            rows.getLong("deletions"), rows.getLong("errors"),
                            Optional.ofNullable(rows.getString("error")), rows.getLong("discarded")));
                }
            }
        }
        return results;
    }
}
