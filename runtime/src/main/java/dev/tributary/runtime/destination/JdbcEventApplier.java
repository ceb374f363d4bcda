package dev.tributary.runtime.destination;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.destination.support.EventLedger;
import dev.tributary.destination.support.KeyText;
import dev.tributary.destination.support.SchemaHistory;
import dev.tributary.destination.support.StateTable;
import dev.tributary.destination.support.TypedRowsKept;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies one source event to a JDBC destination in one transaction on one connection: records the event id in the
 * {@link EventLedger} (a duplicate stops there), keeps of each table change the records whose row holds no later
 * event and is not deleted, and the deletions of rows not deleted yet, and writes them with the sync's own SQL:
 * a change with a typed part through {@link TypedTables#writeEvent} (typed columns, schema changes, child rows of the
 * kept records), one without through {@link JdbcEntityWriter#writeRows}; deletions mark {@code _deleted_at} and
 * leave child rows as a sync's deletions do. Then commits. Thread-safe; each call opens its own connection.
 */
final class JdbcEventApplier {

    private final JdbcDestination destination;
    private final DestinationUrl url;
    private final EventLedger ledger;
    private final SchemaHistory history;
    private final StateTable stateTable;
    private final ObjectMapper json;
    private final Clock clock;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();

    JdbcEventApplier(JdbcDestination destination, DestinationUrl url, StateTable stateTable, ObjectMapper json,
            Clock clock) {
        this.destination = destination;
        this.url = url;
        this.ledger = new EventLedger(url.dialect(), url.schema());
        this.history = new SchemaHistory(url.dialect(), url.schema());
        this.stateTable = stateTable;
        this.json = json;
        this.clock = clock;
    }

    EventApplied apply(EventWrite event) throws SQLException {
        try (Connection connection = destination.connect()) {
            prepare(connection, event);
            connection.setAutoCommit(false);
            try {
                if (!ledger.recordEvent(connection, event.prefix(), event.eventId(), event.eventTime(),
                        event.appliedAt())) {
                    connection.rollback();
                    return EventApplied.ofDuplicate();
                }
                int upserted = 0;
                int deleted = 0;
                int skipped = 0;
                for (EventWrite.TableChange change : event.changes()) {
                    EntityTableSql sql = new EntityTableSql(url.dialect(), url.schema(), TableNames.of(change.table()));
                    List<Integer> kept = new ArrayList<>();
                    for (int i = 0; i < change.records().size(); i++) {
                        Map<String, Object> record = change.records().get(i);
                        String rowKey = rowKey(change.table(), record);
                        if (ledger.advance(connection, event.prefix(), change.table().entity(), rowKey,
                                event.eventTime()) && !isDeleted(connection, sql, change.table(), record)) {
                            kept.add(i);
                        } else {
                            skipped++;
                        }
                    }
                    List<Map<String, Object>> records = kept.stream().map(change.records()::get).toList();
                    List<Map<String, Object>> deletions = new ArrayList<>();
                    for (Map<String, Object> key : change.deletedKeys()) {
                        String rowKey = rowKey(change.table(), key);
                        if (ledger.delete(connection, event.prefix(), change.table().entity(), rowKey,
                                event.eventTime()) && !isDeleted(connection, sql, change.table(), key)) {
                            deletions.add(key);
                        } else {
                            skipped++;
                        }
                    }
                    JdbcEntityWriter writer = new JdbcEntityWriter(connection, sql, stateTable, change.table(),
                            SyncMode.INCREMENTAL, json, clock);
                    if (change.typed().isPresent()) {
                        if (!kept.isEmpty()) {
                            try (TypedTables typed = new TypedTables(url.dialect(), url.schema(), history,
                                    change.table(), SyncMode.INCREMENTAL, json)) {
                                typed.writeEvent(connection, records, TypedRowsKept.of(change.typed().get(), kept),
                                        event.appliedAt());
                            }
                        }
                        writer.writeRows(List.of(), deletions, event.appliedAt());
                    } else {
                        writer.writeRows(records, deletions, event.appliedAt());
                    }
                    upserted += records.size();
                    deleted += deletions.size();
                }
                connection.commit();
                return new EventApplied(false, upserted, deleted, skipped);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Creates the ledger and the event's entity tables when missing, each in its own auto-committed statement
     * before the event's transaction: PostgreSQL fails one of two concurrent {@code CREATE TABLE IF NOT EXISTS} of
     * the same table, so they are serialised here and retried once against other processes.
     */
    private void prepare(Connection connection, EventWrite event) throws SQLException {
        List<String> missing = new ArrayList<>();
        if (!prepared.contains(EventLedger.EVENTS)) {
            missing.add(EventLedger.EVENTS);
        }
        for (EventWrite.TableChange change : event.changes()) {
            String live = TableNames.of(change.table()).live();
            if (!prepared.contains(live)) {
                missing.add(live);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        synchronized (prepared) {
            connection.setAutoCommit(true);
            try {
                ledger.create(connection);
            } catch (SQLException e) {
                ledger.create(connection);
            }
            prepared.add(EventLedger.EVENTS);
            for (EventWrite.TableChange change : event.changes()) {
                EntityTableSql sql = new EntityTableSql(url.dialect(), url.schema(), TableNames.of(change.table()));
                try (Statement statement = connection.createStatement()) {
                    String create = sql.createTable(sql.names().live(), true);
                    try {
                        statement.execute(create);
                    } catch (SQLException e) {
                        statement.execute(create);
                    }
                }
                prepared.add(sql.names().live());
            }
        }
    }

    /** Whether the row of {@code key} exists and is marked deleted (by an event or by a sync). */
    private boolean isDeleted(Connection connection, EntityTableSql sql, EntityTable table, Map<String, Object> key)
            throws SQLException {
        List<String> conditions = sql.names().keyColumns().stream().map(c -> url.dialect().quote(c) + " = ?").toList();
        try (PreparedStatement statement = connection.prepareStatement("SELECT \"_deleted_at\" FROM "
                + sql.qualified(sql.names().live()) + " WHERE " + String.join(" AND ", conditions))) {
            int index = 1;
            for (String field : table.primaryKey()) {
                statement.setString(index++, KeyText.of(key, field, table.entity()));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getObject(1) != null;
            }
        }
    }

    private static String rowKey(EntityTable table, Map<String, Object> record) {
        return KeyText.rowKey(record, table.primaryKey(), table.entity());
    }
}
