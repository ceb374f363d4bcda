package dev.tributary.destination.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.destination.support.EventLedger;
import dev.tributary.destination.support.KeyText;
import dev.tributary.destination.support.TypedRowsKept;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBConnection;

/**
 * Applies one source event to the DuckDB file in one transaction, with the guarantees of the runtime's JDBC
 * destinations: records the event id in the {@link EventLedger} (a duplicate stops there), creates a missing entity
 * table as a sync would, keeps of each table change the records whose row holds no later event and is not deleted,
 * and the deletions of rows not deleted yet, and writes them: a change with a typed part through
 * {@link TypedTables#writeEvent} (the schema changes the tables lack, the typed columns of the kept records' rows, the
 * child rows of their keys replaced), one without as {@code _record} and the system columns (typed columns fill at
 * the entity's next sync). Records left out change nothing, not even the schema; deletions mark {@code _deleted_at}
 * and leave child rows as a sync's deletions do. The destination's transaction lock serialises events with each
 * other and with sync batches. Thread-safe; each call uses its own connection.
 */
final class EventApplier {

    private static final SyncState STARTED = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(),
            Optional.empty());

    private final DuckDbDestination destination;
    private final ObjectMapper json;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();

    EventApplier(DuckDbDestination destination, ObjectMapper json) {
        this.destination = destination;
        this.json = json;
    }

    EventApplied apply(EventWrite event) throws SQLException {
        try (DuckDBConnection connection = destination.connect()) {
            EventApplied[] applied = {EventApplied.ofDuplicate()};
            destination.inTransaction(connection, () -> {
                if (DuckDbMetadata.EVENTS.recordEvent(connection, event.prefix(), event.eventId(), event.eventTime(),
                        event.appliedAt())) {
                    applied[0] = applyChanges(connection, event);
                }
            });
            event.changes().forEach(change -> prepared.add(EntityTables.of(change.table()).live()));
            return applied[0];
        }
    }

    private EventApplied applyChanges(DuckDBConnection connection, EventWrite event) throws SQLException {
        int upserted = 0;
        int deleted = 0;
        int skipped = 0;
        for (EventWrite.TableChange change : event.changes()) {
            EntityTable table = change.table();
            EntityTables tables = EntityTables.of(table);
            if (!prepared.contains(tables.live())) {
                try (TypedTables typed = new TypedTables(connection, table, SyncMode.INCREMENTAL)) {
                    typed.prepare(STARTED, event.appliedAt());
                }
            }
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < change.records().size(); i++) {
                Map<String, Object> record = change.records().get(i);
                if (DuckDbMetadata.EVENTS.advance(connection, event.prefix(), table.entity(), rowKey(table, record),
                        event.eventTime()) && !isDeleted(connection, tables, table, record)) {
                    kept.add(i);
                } else {
                    skipped++;
                }
            }
            writeKept(connection, change, kept, event.appliedAt());
            upserted += kept.size();
            try (PreparedStatement mark = connection.prepareStatement(tables.markDeleted(tables.live()))) {
                for (Map<String, Object> key : change.deletedKeys()) {
                    if (DuckDbMetadata.EVENTS.delete(connection, event.prefix(), table.entity(), rowKey(table, key),
                            event.eventTime()) && !isDeleted(connection, tables, table, key)) {
                        markDeleted(mark, table, key, event.appliedAt());
                        deleted++;
                    } else {
                        skipped++;
                    }
                }
            }
        }
        return new EventApplied(false, upserted, deleted, skipped);
    }

    /** Writes the records at {@code kept}: typed when the change has a typed part, else as {@code _record} only. */
    private void writeKept(DuckDBConnection connection, EventWrite.TableChange change, List<Integer> kept,
            Instant at) throws SQLException {
        if (kept.isEmpty()) {
            return;
        }
        EntityTable table = change.table();
        if (change.typed().isPresent()) {
            try (TypedTables typed = new TypedTables(connection, table, SyncMode.INCREMENTAL)) {
                typed.writeEvent(TypedRowsKept.of(change.typed().get(), kept), at, table.dataSource());
            }
            return;
        }
        EntityTables tables = EntityTables.of(table);
        try (PreparedStatement upsert = connection.prepareStatement(tables.upsertOne(tables.live()))) {
            for (int index : kept) {
                upsertOne(upsert, table, change.records().get(index), at);
            }
        }
    }

    private void upsertOne(PreparedStatement upsert, EntityTable table, Map<String, Object> record, Instant at)
            throws SQLException {
        int index = bindKeys(upsert, 1, table, record);
        upsert.setString(index++, toJson(table, record));
        upsert.setObject(index++, utc(at));
        upsert.setString(index, table.dataSource());
        upsert.executeUpdate();
    }

    private static void markDeleted(PreparedStatement mark, EntityTable table, Map<String, Object> key, Instant at)
            throws SQLException {
        mark.setObject(1, utc(at));
        mark.setObject(2, utc(at));
        bindKeys(mark, 3, table, key);
        mark.executeUpdate();
    }

    /** Whether the row of {@code key} exists and is marked deleted (by an event or by a sync). */
    private static boolean isDeleted(Connection connection, EntityTables tables, EntityTable table,
            Map<String, Object> key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(tables.selectDeletedAt(tables.live()))) {
            bindKeys(statement, 1, table, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getObject(1) != null;
            }
        }
    }

    private static int bindKeys(PreparedStatement statement, int first, EntityTable table, Map<String, Object> record)
            throws SQLException {
        int index = first;
        for (String field : table.primaryKey()) {
            statement.setString(index++, KeyText.of(record, field, table.entity()));
        }
        return index;
    }

    private static String rowKey(EntityTable table, Map<String, Object> record) {
        return KeyText.rowKey(record, table.primaryKey(), table.entity());
    }

    private String toJson(EntityTable table, Map<String, Object> record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a record of entity '" + table.entity() + "' is not JSON-compatible: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
