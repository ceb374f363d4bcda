package dev.tributary.destination.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.destination.support.KeyText;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes one entity run over its own DuckDB connection. Each batch is one transaction: the typed form of the records
 * ({@link WriteBatch#typed()}) goes through {@link TypedTables} (schema changes, appended staging rows, one upsert,
 * the child rows of the batch's parents replaced); records without a typed form are appended as key and JSON only
 * into the connection's temporary batch table and merged on the primary key ({@code INSERT ... ON CONFLICT DO
 * UPDATE}, one statement) leaving the typed columns as they are (a table without typed columns has its batch's keys
 * deleted and the rows inserted instead, which DuckDB does faster). Then the deleted keys are marked (a complete
 * listing also marks the rows it did not write) and the state is stored. A full refresh writes into the staging
 * tables, and {@link #finish(SyncState)} swaps them in within the transaction that marks the run finished.
 *
 * <p>Not thread-safe: used by one writer thread.
 */
final class DuckDbEntityWriter implements EntityWriter {

    private final DuckDbDestination destination;
    private final DuckDBConnection connection;
    private final EntityTables tables;
    private final EntityTable table;
    private final SyncMode mode;
    private final ObjectMapper json;
    private final Clock clock;
    private final String target;
    private final PreparedStatement clearBatch;
    private final PreparedStatement merge;
    private final PreparedStatement countColumns;
    private final PreparedStatement deleteBatched;
    private final PreparedStatement insertBatched;
    private final PreparedStatement markDeleted;
    private final PreparedStatement writeState;
    private final TypedTables typed;

    /**
     * A writer of the tables {@code typed} has prepared on {@code connection}.
     *
     * @throws SQLException when a statement cannot be prepared; the caller closes the connection
     */
    DuckDbEntityWriter(DuckDbDestination destination, DuckDBConnection connection, EntityTables tables,
            EntityTable table, SyncMode mode, ObjectMapper json, Clock clock, TypedTables typed) throws SQLException {
        this.destination = destination;
        this.typed = typed;
        this.connection = connection;
        this.tables = tables;
        this.table = table;
        this.mode = mode;
        this.json = json;
        this.clock = clock;
        this.target = mode == SyncMode.FULL_REFRESH ? tables.staging() : tables.live();
        this.clearBatch = connection.prepareStatement("DELETE FROM temp.main."
                + EntityTables.quote(EntityTables.BATCH));
        this.merge = connection.prepareStatement(tables.merge(target));
        this.countColumns = connection.prepareStatement(TypedTableSql.countColumns(target));
        this.deleteBatched = connection.prepareStatement(tables.deleteBatched(target));
        this.insertBatched = connection.prepareStatement(tables.insertBatched(target));
        this.markDeleted = connection.prepareStatement(tables.markDeleted(target));
        this.writeState = DuckDbMetadata.STATE.prepareWrite(connection);
    }

    @Override
    public void write(WriteBatch batch) {
        write(batch, Optional.empty(), Optional.empty());
    }

    /** Writes the batch, then marks deleted the rows not written since the listing began. */
    @Override
    public OptionalLong writeEndingListing(WriteBatch batch, Instant listingStartedAt) {
        return OptionalLong.of(write(batch, Optional.of(listingStartedAt), Optional.empty()));
    }

    /**
     * Writes the batch and stores the state merged into the stored one ({@code StateTable.merge}). Every writer of
     * the file in this process takes the destination's per-file transaction lock ({@link DuckDbDestination}), and
     * DuckDB lets one process write a file, so no other writer's transaction runs between the read and the commit.
     */
    @Override
    public void writeMergingState(WriteBatch batch, BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
        write(batch, Optional.empty(), Optional.of(merge));
    }

    private long write(WriteBatch batch, Optional<Instant> listingStartedAt,
            Optional<BiFunction<Optional<SyncState>, SyncState, SyncState>> mergeState) {
        try {
            List<Map<String, Object>> records = batch.typed().isPresent() ? List.of() : lastPerKey(batch.records());
            List<String> json = records.stream().map(this::toJson).toList();
            long[] unlisted = {0};
            DuckDbDestination.SqlWork work = () -> {
                if (batch.typed().isPresent()) {
                    typed.write(batch.typed().get(), batch.syncedAt(), table.dataSource());
                } else if (!records.isEmpty()) {
                    stage(records, json);
                    merge(batch.syncedAt());
                }
                markDeleted(batch.deletedKeys(), batch.syncedAt());
                if (listingStartedAt.isPresent()) {
                    unlisted[0] = markUnlisted(listingStartedAt.get(), batch.syncedAt());
                }
                if (mergeState.isPresent()) {
                    DuckDbMetadata.STATE.merge(connection, table.prefix(), table.entity(), mergeState.get(),
                            batch.state(), clock.instant());
                } else {
                    DuckDbMetadata.STATE.write(writeState, table.prefix(), table.entity(), batch.state(),
                            clock.instant());
                }
            };
            try {
                destination.inTransaction(connection, work);
            } catch (KeyConflict e) {
                // Rolled back; TypedTables now stages this batch and the rest of the run.
                destination.inTransaction(connection, work);
            }
            return unlisted[0];
        } catch (SQLException | RuntimeException e) {
            throw new DestinationException("cannot write a batch of entity '" + table.entity() + "' into "
                    + tables.live() + " of " + destination.describe() + ": " + e.getMessage(), e);
        }
    }

    private long markUnlisted(Instant listingStartedAt, Instant deletedAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EntityTables.markUnlisted(target))) {
            statement.setObject(1, utc(deletedAt));
            statement.setObject(2, utc(deletedAt));
            statement.setObject(3, utc(listingStartedAt));
            return statement.executeUpdate();
        }
    }

    /** Replaces the batch table's rows with these records (their JSON text given alongside). */
    private void stage(List<Map<String, Object>> records, List<String> json) throws SQLException {
        clearBatch.executeUpdate();
        try (DuckDBAppender appender = connection.createAppender("temp", "main", EntityTables.BATCH)) {
            for (int i = 0; i < records.size(); i++) {
                appender.beginRow();
                for (String field : table.primaryKey()) {
                    appender.append(KeyText.of(records.get(i), field, table.entity()));
                }
                appender.append(json.get(i));
                appender.endRow();
            }
            appender.flush(); // close() would drop a failed flush's error; see RowAppender
        }
    }

    /**
     * Moves the batch table's rows into the target: into a table of key, {@code _record} and system columns only, by
     * deleting the batch's keys and inserting its rows; into one with typed columns, by the merge that keeps them.
     */
    private void merge(Instant syncedAt) throws SQLException {
        boolean untyped;
        try (ResultSet count = countColumns.executeQuery()) {
            untyped = count.next() && count.getInt(1) == tables.keyColumns().size() + 4;
        }
        PreparedStatement move = untyped ? insertBatched : merge;
        if (untyped) {
            deleteBatched.executeUpdate();
        }
        move.setObject(1, utc(syncedAt));
        move.setString(2, table.dataSource());
        move.executeUpdate();
    }

    private void markDeleted(List<Map<String, Object>> keys, Instant deletedAt) throws SQLException {
        for (Map<String, Object> key : keys) {
            markDeleted.setObject(1, utc(deletedAt));
            markDeleted.setObject(2, utc(deletedAt));
            int index = 3;
            for (String field : table.primaryKey()) {
                markDeleted.setString(index++, KeyText.of(key, field, table.entity()));
            }
            markDeleted.executeUpdate();
        }
    }

    /** The records with one per key, the last one given: one merge statement cannot touch a row twice. */
    private List<Map<String, Object>> lastPerKey(List<Map<String, Object>> records) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            StringBuilder key = new StringBuilder();
            for (String field : table.primaryKey()) {
                key.append(KeyText.of(record, field, table.entity())).append('\u0000');
            }
            byKey.remove(key.toString());
            byKey.put(key.toString(), record);
        }
        return byKey.size() == records.size() ? records : new ArrayList<>(byKey.values());
    }

    private String toJson(Map<String, Object> record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a record of entity '" + table.entity()
                    + "' is not JSON-compatible: " + e.getOriginalMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public void finish(SyncState state) {
        try {
            destination.inTransaction(connection, () -> {
                if (mode == SyncMode.FULL_REFRESH) {
                    try (Statement statement = connection.createStatement()) {
                        for (String swap : typed.swaps()) {
                            statement.execute(swap);
                        }
                    }
                }
                DuckDbMetadata.STATE.write(writeState, table.prefix(), table.entity(), state, clock.instant());
            });
        } catch (SQLException | RuntimeException e) {
            throw new DestinationException("cannot finish the sync of entity '" + table.entity() + "' in "
                    + tables.live() + " of " + destination.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The typed layout of the tables written, as of the last commit. */
    @Override
    public Optional<EntityLayout> layout() {
        return Optional.of(typed.layout());
    }

    /** Closes the connection, which closes its statements and drops its staging tables. */
    @Override
    public void close() {
        typed.close();
        DuckDbDestination.closeQuietly(connection);
    }
}
