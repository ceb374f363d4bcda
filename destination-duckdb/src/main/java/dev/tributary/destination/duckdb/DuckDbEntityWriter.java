package dev.tributary.destination.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.sql.PreparedStatement;
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
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes one entity run over its own DuckDB connection. Each batch is one transaction: the records are appended with
 * DuckDB's appender into the connection's temporary batch table (a columnar bulk load, no per-row statements), merged
 * from there into the target table on the primary key ({@code INSERT ... ON CONFLICT DO UPDATE}, one statement),
 * the deleted keys are marked and the state is stored. Statements are prepared once per writer. A full refresh
 * writes into the staging table, and {@link #finish(SyncState)} swaps it in within the transaction that marks the run
 * finished.
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
    private final PreparedStatement markDeleted;
    private final PreparedStatement writeState;

    /** @throws SQLException when a statement cannot be prepared; the caller closes the connection */
    DuckDbEntityWriter(DuckDbDestination destination, DuckDBConnection connection, EntityTables tables,
            EntityTable table, SyncMode mode, ObjectMapper json, Clock clock) throws SQLException {
        this.destination = destination;
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
        this.markDeleted = connection.prepareStatement(tables.markDeleted(target));
        this.writeState = StateTable.prepareWrite(connection);
    }

    @Override
    public void write(WriteBatch batch) {
        try {
            List<Map<String, Object>> records = lastPerKey(batch.records());
            List<String> json = records.stream().map(this::toJson).toList();
            destination.inTransaction(connection, () -> {
                if (!records.isEmpty()) {
                    stage(records, json);
                    merge(batch.syncedAt());
                }
                markDeleted(batch.deletedKeys(), batch.syncedAt());
                StateTable.write(writeState, table.prefix(), table.entity(), batch.state(), clock.instant());
            });
        } catch (SQLException | RuntimeException e) {
            throw new DestinationException("cannot write a batch of entity '" + table.entity() + "' into "
                    + tables.live() + " of " + destination.describe() + ": " + e.getMessage(), e);
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
        }
    }

    private void merge(Instant syncedAt) throws SQLException {
        merge.setObject(1, utc(syncedAt));
        merge.setString(2, table.dataSource());
        merge.executeUpdate();
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
                        for (String swap : tables.swap()) {
                            statement.execute(swap);
                        }
                    }
                }
                StateTable.write(writeState, table.prefix(), table.entity(), state, clock.instant());
            });
        } catch (SQLException | RuntimeException e) {
            throw new DestinationException("cannot finish the sync of entity '" + table.entity() + "' in "
                    + tables.live() + " of " + destination.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Closes the connection, which closes its statements and drops its batch table. */
    @Override
    public void close() {
        DuckDbDestination.closeQuietly(connection);
    }
}
