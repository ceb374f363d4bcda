package dev.tributary.runtime.destination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.destination.support.KeyText;
import dev.tributary.destination.support.StateTable;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * Writes one entity run over one JDBC connection: each {@link #write(WriteBatch)} is one transaction holding the
 * multi-row upserts, the deletion marks and the state row. A full refresh writes into the staging table and
 * {@link #finish(SyncState)} swaps it in within the transaction that marks the run finished.
 *
 * <p>Not thread-safe: used by one writer thread.
 */
final class JdbcEntityWriter implements EntityWriter {

    private final Connection connection;
    private final EntityTableSql sql;
    private final StateTable stateTable;
    private final EntityTable table;
    private final SyncMode mode;
    private final ObjectMapper json;
    private final Clock clock;
    private final String target;
    private PreparedStatement fullChunk;
    private final TypedTables typed;

    JdbcEntityWriter(Connection connection, EntityTableSql sql, StateTable stateTable, EntityTable table,
            SyncMode mode, ObjectMapper json, Clock clock) {
        this(connection, sql, stateTable, table, mode, json, clock, null);
    }

    /** A writer of typed tables, which {@code typed} has prepared on {@code connection}. */
    JdbcEntityWriter(Connection connection, EntityTableSql sql, StateTable stateTable, EntityTable table,
            SyncMode mode, ObjectMapper json, Clock clock, TypedTables typed) {
        this.typed = typed;
        this.connection = connection;
        this.sql = sql;
        this.stateTable = stateTable;
        this.table = table;
        this.mode = mode;
        this.json = json;
        this.clock = clock;
        this.target = mode == SyncMode.FULL_REFRESH ? sql.names().staging() : sql.names().live();
    }

    @Override
    public void write(WriteBatch batch) {
        write(batch, Optional.empty(), Optional.empty());
    }

    /** Writes the batch, then marks the rows not written since the listing began; see {@link UnlistedRows}. */
    @Override
    public OptionalLong writeEndingListing(WriteBatch batch, Instant listingStartedAt) {
        return OptionalLong.of(write(batch, Optional.of(listingStartedAt), Optional.empty()));
    }

    /**
     * Writes the batch and stores the state merged into the stored one under the state row's lock
     * ({@link StateTable#merge}): on PostgreSQL a row lock held to the commit, on SQLite the immediate transaction's
     * write lock, taken by its first statement.
     */
    @Override
    public void writeMergingState(WriteBatch batch, BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
        write(batch, Optional.empty(), Optional.of(merge));
    }

    private long write(WriteBatch batch, Optional<Instant> listingStartedAt,
            Optional<BiFunction<Optional<SyncState>, SyncState, SyncState>> merge) {
        try {
            begin();
            if (batch.typed().isPresent() && typed != null) {
                typed.write(connection, batch, batch.typed().get());
            } else {
                upsert(batch.records(), batch.syncedAt());
            }
            markDeleted(batch.deletedKeys(), batch.syncedAt());
            long unlisted = 0;
            if (listingStartedAt.isPresent()) {
                unlisted = UnlistedRows.markDeleted(connection, sql, target, listingStartedAt.get(),
                        batch.syncedAt());
            }
            if (merge.isPresent()) {
                stateTable.merge(connection, table.prefix(), table.entity(), merge.get(), batch.state(),
                        clock.instant());
            } else {
                stateTable.write(connection, table.prefix(), table.entity(), batch.state(), clock.instant());
            }
            commit();
            return unlisted;
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw new DestinationException("cannot write a batch of entity '" + table.entity() + "' into "
                    + sql.names().live() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Upserts the records and marks the deleted keys inside the caller's transaction, storing no state: how
     * {@link JdbcEventApplier} writes an event's rows with the sync's own SQL.
     */
    void writeRows(List<Map<String, Object>> records, List<Map<String, Object>> deletedKeys, Instant at)
            throws SQLException {
        upsert(records, at);
        markDeleted(deletedKeys, at);
    }

    private void upsert(List<Map<String, Object>> batch, Instant syncedAt) throws SQLException {
        List<Map<String, Object>> records = lastPerKey(batch);
        int columns = sql.columnsPerRow();
        int chunkSize = sql.dialect().maxRowsPerStatement(columns);
        for (int start = 0; start < records.size(); start += chunkSize) {
            List<Map<String, Object>> chunk = records.subList(start, Math.min(records.size(), start + chunkSize));
            PreparedStatement statement;
            boolean reusable = chunk.size() == chunkSize;
            if (reusable) {
                if (fullChunk == null) {
                    fullChunk = connection.prepareStatement(sql.upsert(target, chunkSize));
                }
                statement = fullChunk;
            } else {
                statement = connection.prepareStatement(sql.upsert(target, chunk.size()));
            }
            try {
                int index = 1;
                for (Map<String, Object> record : chunk) {
                    index = bindKeys(statement, index, record);
                    statement.setString(index++, toJson(record));
                    sql.dialect().bindTimestamp(statement, index++, syncedAt);
                    statement.setString(index++, table.dataSource());
                }
                statement.executeUpdate();
            } finally {
                if (!reusable) {
                    statement.close();
                }
            }
        }
    }

    /** The records with one per key, the last one given; PostgreSQL rejects an upsert touching a row twice. */
    private List<Map<String, Object>> lastPerKey(List<Map<String, Object>> records) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            StringBuilder key = new StringBuilder();
            for (String field : table.primaryKey()) {
                key.append(KeyText.of(record, field, table.entity())).append('\u0000');
            }
            byKey.put(key.toString(), record);
        }
        return byKey.size() == records.size() ? records : new ArrayList<>(byKey.values());
    }

    private void markDeleted(List<Map<String, Object>> keys, Instant deletedAt) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.markDeleted(target))) {
            for (Map<String, Object> key : keys) {
                sql.dialect().bindTimestamp(statement, 1, deletedAt);
                sql.dialect().bindTimestamp(statement, 2, deletedAt);
                bindKeys(statement, 3, key);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private int bindKeys(PreparedStatement statement, int first, Map<String, Object> record) throws SQLException {
        int index = first;
        for (String field : table.primaryKey()) {
            statement.setString(index++, KeyText.of(record, field, table.entity()));
        }
        return index;
    }

    private String toJson(Map<String, Object> record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a record of entity '" + table.entity()
                    + "' is not JSON-compatible: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void finish(SyncState state) {
        try {
            begin();
            if (mode == SyncMode.FULL_REFRESH) {
                try (Statement statement = connection.createStatement()) {
                    List<String> swaps = typed != null ? typed.swaps()
                            : sql.dialect().swap(sql.schema(), sql.names().live(), sql.names().staging());
                    for (String swap : swaps) {
                        statement.execute(swap);
                    }
                }
            }
            stateTable.write(connection, table.prefix(), table.entity(), state, clock.instant());
            commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw new DestinationException("cannot finish the sync of entity '" + table.entity() + "' in "
                    + sql.names().live() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the transaction of one batch. Between batches the connection is in auto-commit mode, holding no
     * transaction: SQLite's driver would otherwise begin the next (immediate, so write-locking) transaction at once
     * on commit and keep the database's single write lock while this entity waits for its next page, so that
     * the other entities' writers could not write until this entity ended.
     */
    private void begin() throws SQLException {
        connection.setAutoCommit(false);
    }

    private void commit() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    private void rollback() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // The connection is broken; nothing was committed.
        }
    }

    /** The typed layout of the tables written, as of the last commit. */
    @Override
    public Optional<EntityLayout> layout() {
        return typed == null ? Optional.empty() : Optional.of(typed.layout());
    }

    @Override
    public void close() {
        if (typed != null) {
            typed.close();
        }
        if (fullChunk != null) {
            try {
                fullChunk.close();
            } catch (SQLException ignored) {
                // Closing the connection releases it too.
            }
        }
        JdbcDestination.closeQuietly(connection);
    }
}
