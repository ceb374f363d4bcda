package dev.tributary.runtime.destination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.destination.support.LayoutChanges;
import dev.tributary.destination.support.SchemaHistory;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.destination.TypedWrite;
import dev.tributary.spi.destination.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed tables of one entity run on one connection: prepares them when the writer opens (creating them, or
 * migrating a blob-only table of an earlier version in place with {@link BlobTableMigration}), and writes each
 * {@link TypedWrite} inside the batch's transaction in the order its Javadoc gives. Prepared statements are kept per
 * SQL text ({@link StatementCache}) until a schema change, so a batch with an unchanged layout reuses them. Not
 * thread-safe: used by one writer.
 */
final class TypedTables implements AutoCloseable {

    /** The run id recorded in the schema history for the columns added when migrating a blob-only table. */
    static final String MIGRATION_RUN = "migration";

    private final SqlDialect dialect;
    private final Optional<String> schema;
    private final TypedTableSql sql;
    private final SchemaHistory history;
    private final EntityTable table;
    private final TableNames names;
    private final SyncMode mode;
    private final ObjectMapper json;
    private final ExistingColumns existing;
    private final StatementCache statements = new StatementCache();
    private final Map<String, RowValues> readers = new HashMap<>();
    private EntityLayout layout;
    private boolean recordRequired;

    TypedTables(SqlDialect dialect, Optional<String> schema, SchemaHistory history, EntityTable table,
            SyncMode mode, ObjectMapper json) {
        this.dialect = dialect;
        this.schema = schema;
        this.sql = new TypedTableSql(dialect, schema);
        this.existing = new ExistingColumns(dialect, schema);
        this.history = history;
        this.table = table;
        this.names = TableNames.of(table);
        this.mode = mode;
        this.json = json;
    }

    /** The layout of the tables written, as of the last batch. */
    EntityLayout layout() {
        return layout;
    }

    /** The physical table written for a table of the layout: the live table, or its staging copy. */
    String physical(String layoutTable) {
        if (mode == SyncMode.INCREMENTAL) {
            return layoutTable;
        }
        return layoutTable.equals(names.live()) ? names.staging() : TableNames.stagingOf(layoutTable);
    }

    /**
     * Prepares the tables inside the caller's transaction, as {@link JdbcDestination#openWriter} would for blob
     * tables: creates what is missing, migrates a blob-only live table, and for a new full refresh replaces the
     * staging tables with empty copies of the live tables' columns.
     */
    void prepare(Connection connection, SyncState state, Instant now) throws SQLException {
        history.create(connection);
        String live = names.live();
        EntityLayout keysOnly = EntityLayout.keysOnly(live, keyColumns());
        Optional<Map<String, Boolean>> liveColumns = existing.of(connection, live);
        Optional<EntityLayout> recorded = history.read(connection, live);
        if (recorded.isEmpty()) {
            history.record(connection, SchemaHistory.creation(keysOnly.table(), "new entity " + table.entity()),
                    now, MIGRATION_RUN);
            recorded = Optional.of(keysOnly);
            if (liveColumns.isPresent()) {
                TypedTables migrated = new TypedTables(dialect, schema, history, table, SyncMode.INCREMENTAL, json);
                migrated.layout = keysOnly;
                recorded = Optional.of(new BlobTableMigration(dialect, sql, table, json)
                        .migrate(connection, migrated, keysOnly, liveColumns.get(), now));
                liveColumns = existing.of(connection, live);
            }
        }
        EntityLayout ofLive = existing.restrict(connection, recorded.get(), Optional.empty());
        if (mode == SyncMode.INCREMENTAL) {
            execute(connection, sql.createEntityTable(live, ofLive.table(), true));
            recordRequired = liveColumns.map(c -> Boolean.TRUE.equals(c.get("_record"))).orElse(false);
            layout = ofLive;
            return;
        }
        if (state.position().isEmpty()) {
            execute(connection, "DROP TABLE IF EXISTS " + sql.qualified(names.staging()));
            for (TableLayout child : recorded.get().children()) {
                execute(connection, "DROP TABLE IF EXISTS " + sql.qualified(physical(child.name())));
            }
            execute(connection, sql.createEntityTable(names.staging(), ofLive.table(), false));
            for (TableLayout child : ofLive.children()) {
                execute(connection, sql.createChildTable(physical(child.name()), child));
            }
            layout = ofLive;
        } else {
            execute(connection, sql.createEntityTable(names.staging(), ofLive.table(), true));
            layout = existing.restrict(connection, recorded.get(), Optional.of(this::physical));
        }
    }

    /** The layout of an entity's live tables, empty when it has no table or a blob-only one. */
    static Optional<EntityLayout> readLayout(Connection connection, SqlDialect dialect, Optional<String> schema,
            SchemaHistory history, EntityTable table) throws SQLException {
        TypedTables tables = new TypedTables(dialect, schema, history, table, SyncMode.INCREMENTAL, new ObjectMapper());
        if (tables.existing.of(connection, tables.names.live()).isEmpty()) {
            return Optional.empty();
        }
        Optional<EntityLayout> recorded = history.read(connection, tables.names.live());
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tables.existing.restrict(connection, recorded.get(), Optional.empty()));
    }

    /**
     * Writes the typed batch inside the caller's transaction; the caller then stores the state. Schema changes the
     * tables already have (a column a webhook delivery or another writer of the table added meanwhile) are skipped;
     * see {@link LayoutChanges}. On PostgreSQL, when changes are pending on an existing live table, it is first locked
     * against other writers' changes and rows until the commit ({@code SHARE ROW EXCLUSIVE}) and the tables read
     * again, so that two writers adding the same column (two Kafka Connect sink tasks of one topic) add it once.
     */
    void write(Connection connection, WriteBatch batch, TypedWrite typed) throws SQLException {
        if (!typed.changes().isEmpty()) {
            EntityLayout current = current(connection);
            if (!LayoutChanges.pending(current, typed.changes()).isEmpty() && lockedForChanges(connection)) {
                current = current(connection);
            }
            applyChanges(connection, current, typed, batch.syncedAt());
        }
        layout = typed.layout();
        writeRows(connection, batch.records(), typed, batch.syncedAt());
    }

    /**
     * Writes the typed rows of a source event into the live tables inside the caller's transaction: on PostgreSQL
     * first locks the entity table against concurrent schema changes until the commit, then reads the tables'
     * current layout, applies the event's schema changes they do not have yet, and upserts its rows and replaces
     * their child rows with every current column (those the event did not know become null). {@code typed} holds
     * only the rows to write; {@code records} are their raw records, in the same order.
     */
    void writeEvent(Connection connection, List<Map<String, Object>> records, TypedWrite typed, Instant at)
            throws SQLException {
        if (dialect instanceof PostgresDialect) {
            execute(connection, "LOCK TABLE " + sql.qualified(names.live()) + " IN ROW EXCLUSIVE MODE");
        }
        recordRequired = existing.of(connection, names.live()).map(c -> Boolean.TRUE.equals(c.get("_record")))
                .orElseThrow(() -> new IllegalStateException("table " + names.live() + " does not exist; a typed"
                        + " event needs the table its layout was read from"));
        EntityLayout current = current(connection);
        applyChanges(connection, current, typed, at);
        // After the changes the tables have typed's columns plus those only current has: no need to read them again.
        layout = LayoutChanges.merged(current, typed.layout());
        writeRows(connection, records, typed, at);
    }

    /**
     * Locks the live entity table of an incremental run on PostgreSQL, when it exists, against concurrent schema
     * changes and writes until the commit; whether it did. A full refresh changes its own staging tables.
     */
    private boolean lockedForChanges(Connection connection) throws SQLException {
        if (!(dialect instanceof PostgresDialect) || mode != SyncMode.INCREMENTAL) {
            return false;
        }
        String live = sql.qualified(names.live());
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, live);
            try (ResultSet result = exists.executeQuery()) {
                if (!result.next() || !result.getBoolean(1)) {
                    return false;
                }
            }
        }
        execute(connection, "LOCK TABLE " + live + " IN SHARE ROW EXCLUSIVE MODE");
        return true;
    }

    /** The recorded layout cut to the tables and columns that exist now, in this run's physical tables. */
    private EntityLayout current(Connection connection) throws SQLException {
        EntityLayout recorded = history.read(connection, names.live())
                .orElseGet(() -> EntityLayout.keysOnly(names.live(), keyColumns()));
        return existing.restrict(connection, recorded, Optional.of(this::physical));
    }

    private void applyChanges(Connection connection, EntityLayout current, TypedWrite typed, Instant at)
            throws SQLException {
        List<SchemaChange> pending = LayoutChanges.pending(current, typed.changes());
        if (pending.isEmpty()) {
            return;
        }
        statements.close();
        List<SchemaHistory.Entry> entries = new ArrayList<>();
        for (SchemaChange change : pending) {
            apply(connection, change, typed.layout(), entries);
        }
        history.record(connection, entries, at, typed.runId());
    }

    private void writeRows(Connection connection, List<Map<String, Object>> records, TypedWrite typed, Instant at)
            throws SQLException {
        upsert(connection, typed.rows(), records, at);
        for (TableLayout child : layout.children()) {
            replaceChildren(connection, child, typed.rows(), typed.childRows().getOrDefault(child.name(), List.of()),
                    at);
        }
    }

    /** The statements, run in {@code finish}'s transaction, that swap every staging table of a full refresh in. */
    List<String> swaps() {
        List<String> swaps = new ArrayList<>(dialect.swap(schema, names.live(), names.staging()));
        for (TableLayout child : layout.children()) {
            swaps.addAll(dialect.swap(schema, child.name(), physical(child.name())));
        }
        return swaps;
    }

    private void apply(Connection connection, SchemaChange change, EntityLayout after,
            List<SchemaHistory.Entry> entries) throws SQLException {
        String target = physical(change.table());
        Optional<String> parent = after.tableNamed(change.table()).flatMap(TableLayout::parent);
        if (change.kind() == SchemaChange.Kind.CREATE_TABLE) {
            TableLayout child = after.tableNamed(change.table()).orElseThrow(() -> new IllegalArgumentException(
                    "a change creates table '" + change.table() + "', which is not in the batch's layout"));
            TableLayout keys = new TableLayout(child.name(), child.keyColumns(), List.of(), child.parent());
            execute(connection, sql.createChildTable(target, keys));
            entries.addAll(SchemaHistory.creation(keys, change.reason()));
            return;
        }
        Column column = change.column().orElseThrow();
        if (change.kind() == SchemaChange.Kind.WIDEN_COLUMN) {
            for (String statement : dialect.widenToNumber(sql.qualified(target), column.name())) {
                execute(connection, statement);
            }
        } else {
            execute(connection, sql.addColumn(target, column));
        }
        entries.add(new SchemaHistory.Entry(change.table(), Optional.of(column), change.kind().name(), parent,
                change.reason()));
    }

    private void upsert(Connection connection, List<Map<String, Object>> rows, List<Map<String, Object>> records,
            Instant syncedAt) throws SQLException {
        insert(connection, layout.table(), true, rows, records, syncedAt);
    }

    private String rawRecord(Map<String, Object> record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a record of entity '" + table.entity() + "' is not JSON-compatible: "
                    + e.getOriginalMessage(), e);
        }
    }

    private void replaceChildren(Connection connection, TableLayout child, List<Map<String, Object>> parents,
            List<Map<String, Object>> rows, Instant syncedAt) throws SQLException {
        String target = physical(child.name());
        int parentKeys = layout.table().keyColumns().size();
        RowValues parentValues = values(layout.table());
        PreparedStatement delete = statements.get(connection, sql.deleteChildren(target, child));
        Optional<ColumnArrays> arrays = dialect.columnArrays();
        if (arrays.isPresent()) {
            if (!parents.isEmpty()) {
                for (int k = 0; k < parentKeys; k++) {
                    Object[] keys = new Object[parents.size()];
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = parentValues.value(parents.get(i), k);
                    }
                    arrays.get().bind(delete, k + 1, ColumnType.STRING, keys);
                }
                delete.executeUpdate();
            }
        } else {
            for (Map<String, Object> parent : parents) {
                for (int k = 0; k < parentKeys; k++) {
                    delete.setString(k + 1, (String) parentValues.value(parent, k));
                }
                delete.addBatch();
            }
            delete.executeBatch();
        }
        insert(connection, child, false, rows, List.of(), syncedAt);
    }

    /**
     * Writes rows of a table in as few statements as the dialect allows ({@link TypedTableSql#rowsPerStatement}):
     * entity rows upserted with their {@code _record} (from {@code records} when the row has none and the table
     * requires one), or child rows inserted.
     */
    private void insert(Connection connection, TableLayout written, boolean entity, List<Map<String, Object>> rows,
            List<Map<String, Object>> records, Instant syncedAt) throws SQLException {
        String target = physical(written.name());
        RowValues values = values(written);
        List<Column> columns = values.columns();
        int perRow = columns.size() + (entity ? 1 : 0);
        Optional<ColumnArrays> arrays = dialect.columnArrays();
        int chunkSize = sql.rowsPerStatement(written, entity, rows.size());
        for (int start = 0; start < rows.size(); start += chunkSize) {
            int end = Math.min(rows.size(), start + chunkSize);
            PreparedStatement statement = statements.get(connection, entity ? sql.upsert(target, written, end - start)
                    : sql.insertChildren(target, written, end - start));
            if (arrays.isPresent()) {
                int index = bindShared(statement, 1, entity, syncedAt);
                for (int c = 0; c < perRow; c++) {
                    Object[] column = new Object[end - start];
                    for (int i = start; i < end; i++) {
                        column[i - start] = value(values, c, rows.get(i), records, i);
                    }
                    arrays.get().bind(statement, index++, type(columns, c), column);
                }
            } else {
                int index = 1;
                for (int i = start; i < end; i++) {
                    for (int c = 0; c < perRow; c++) {
                        dialect.bind(statement, index++, type(columns, c), value(values, c, rows.get(i), records, i));
                    }
                    index = bindShared(statement, index, entity, syncedAt);
                }
            }
            statement.executeUpdate();
        }
    }

    /** The {@code c}th value of a row of its own: a column of {@code values}, or past them its {@code _record}. */
    private Object value(RowValues values, int c, Map<String, Object> row, List<Map<String, Object>> records, int i) {
        if (c < values.columns().size()) {
            return values.value(row, c);
        }
        String record = values.record(row);
        return record == null && recordRequired ? rawRecord(records.get(i)) : record;
    }

    private static ColumnType type(List<Column> columns, int c) {
        return c < columns.size() ? columns.get(c).type() : ColumnType.JSON;
    }

    /** Binds the values every row shares: {@code _synced_at}, and for entity rows {@code _data_source}. */
    private int bindShared(PreparedStatement statement, int first, boolean entity, Instant syncedAt)
            throws SQLException {
        dialect.bindTimestamp(statement, first, syncedAt);
        if (!entity) {
            return first + 1;
        }
        statement.setString(first + 1, table.dataSource());
        return first + 2;
    }

    /** The reader of rows of {@code layout}, kept per table while its layout stays the same instance. */
    private RowValues values(TableLayout layout) {
        RowValues values = readers.get(layout.name());
        if (values == null || values.layout() != layout) {
            values = new RowValues(layout);
            readers.put(layout.name(), values);
        }
        return values;
    }

    /**
     * Applies a page of {@link BlobTableMigration}'s changes to the live tables and sets its rows' typed columns;
     * their system columns stay.
     */
    void fill(Connection connection, TypedWrite typed, Instant now) throws SQLException {
        List<SchemaHistory.Entry> entries = new ArrayList<>();
        for (SchemaChange change : typed.changes()) {
            apply(connection, change, typed.layout(), entries);
        }
        history.record(connection, entries, now, MIGRATION_RUN);
        layout = typed.layout();
        TableLayout entity = layout.table();
        if (!entity.columns().isEmpty()) {
            List<String> sets = entity.columns().stream()
                    .map(c -> dialect.quote(c.name()) + " = " + dialect.placeholder(c.type())).toList();
            List<String> keys = entity.keyColumns().stream().map(c -> dialect.quote(c.name()) + " = ?").toList();
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + sql.qualified(names.live())
                    + " SET " + String.join(", ", sets) + " WHERE " + String.join(" AND ", keys))) {
                for (Map<String, Object> row : typed.rows()) {
                    int index = 1;
                    for (Column column : entity.columns()) {
                        dialect.bind(update, index++, column.type(), row.get(column.name()));
                    }
                    for (Column key : entity.keyColumns()) {
                        update.setString(index++, (String) row.get(key.name()));
                    }
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        for (TableLayout child : layout.children()) {
            replaceChildren(connection, child, typed.rows(), typed.childRows().getOrDefault(child.name(), List.of()),
                    now);
        }
        statements.close();
    }

    /** The entity table's key columns, of type string, from the primary-key fields. */
    private List<Column> keyColumns() {
        List<Column> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < table.primaryKey().size(); i++) {
            String name = names.keyColumns().get(i);
            if (seen.add(name)) {
                keys.add(new Column(name, ColumnType.STRING, table.primaryKey().get(i), ""));
            }
        }
        return keys;
    }

    private static void execute(Connection connection, String text) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(text);
        }
    }

    /** Closes the prepared statements; the writer closes the connection. */
    @Override
    public void close() {
        statements.close();
    }
}
