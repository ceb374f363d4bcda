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
 * Writes one entity run over its own DuckDB connection. Each batch is appended with DuckDB's appender into the
 * connection's temporary batch table (columnar bulk load, no per-row statements), then one transaction merges it
 * into the target table on the primary key ({@code INSERT ... ON CONFLICT DO UPDATE}), marks the deleted keys and
 * stores the state. A full refresh writes into the staging table, and {@link #finish(SyncState)} swaps it in within
 * the transaction that marks the run finished.
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

    DuckDbEntityWriter(DuckDbDestination destination, DuckDBConnection connection, EntityTables tables,
            EntityTable table, SyncMode mode, ObjectMapper json, Clock clock) {
        this.destination = destination;
        this.connection = connection;
        this.tables = tables;
        this.table = table;
        this.mode = mode;
        this.json = json;
        this.clock = clock;
        this.target = mode == SyncMode.FULL_REFRESH ? tables.staging() : tables.live();
    }

    @Override
    public void write(WriteBatch batch) {
        try {
            List<Map<String, Object>> records = lastPerKey(batch.records());
            stage(records);
            destination.inTransaction(connection, () -> {
                if (!records.isEmpty()) {
                    merge(batch.syncedAt());
                }
                markDeleted(batch.deletedKeys(), batch.syncedAt());
                StateTable.write(connection, table.prefix(), table.entity(), batch.state(), clock.instant());
            });
        } catch (SQLException | RuntimeException e) {
            throw new DestinationException("cannot write a batch of entity '" + table.entity() + "' into "
                    + tables.live() + " of " + destination.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the batch table's rows with these records; auto-committed, since the table is this connection's. */
    private void stage(List<Map<String, Object>> records) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM temp.main." + EntityTables.quote(EntityTables.BATCH));
        }
        if (records.isEmpty()) {
            return;
        }
        try (DuckDBAppender appender = connection.createAppender("temp", "main", EntityTables.BATCH)) {
            for (Map<String, Object> record : records) {
                appender.beginRow();
                for (String field : table.primaryKey()) {
                    appender.append(KeyText.of(record, field, table.entity()));
                }
                appender.append(toJson(record));
                appender.endRow();
            }
        }
    }

    private void merge(Instant syncedAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(tables.merge(target))) {
            statement.setObject(1, utc(syncedAt));
            statement.setString(2, table.dataSource());
            statement.executeUpdate();
        }
    }

    private void markDeleted(List<Map<String, Object>> keys, Instant deletedAt) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(tables.markDeleted(target))) {
            for (Map<String, Object> key : keys) {
                statement.setObject(1, utc(deletedAt));
                statement.setObject(2, utc(deletedAt));
                int index = 3;
                for (String field : table.primaryKey()) {
                    statement.setString(index++, KeyText.of(key, field, table.entity()));
                }
                statement.executeUpdate();
            }
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
                StateTable.write(connection, table.prefix(), table.entity(), state, clock.instant());
            });
        } catch (SQLException | RuntimeException e) {
            throw new DestinationException("cannot finish the sync of entity '" + table.entity() + "' in "
                    + tables.live() + " of " + destination.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        DuckDbDestination.closeQuietly(connection);
    }
}
