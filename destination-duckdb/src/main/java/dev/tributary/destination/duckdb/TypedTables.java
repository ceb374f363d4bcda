package dev.tributary.destination.duckdb;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import static dev.tributary.destination.duckdb.EntityTables.quote;

/**
 * The typed tables of one entity run (or one source event) on one connection: prepares them when the writer opens,
 * and writes each {@link TypedWrite} inside the batch's (or event's) transaction in the order its Javadoc gives. Rows are appended with DuckDB's
 * appender into temporary staging tables of the connection (one for the entity rows, one per child table, remade
 * when the layout changes) and moved with set-based statements per table: the replacement of the staged keys' entity
 * rows ({@link #upsert}), then per child table the deletion of the staged parents' child rows (skipped when no
 * parent existed) and the insertion of the new ones. A run whose entity table is empty when it starts appends its
 * batches straight into the tables instead ({@link #appendDirectly(TypedWrite, Instant, String)}) until a key is
 * found there already.
 *
 * <p>A value that does not fit its DuckDB column ({@link DuckDbTypes#fits}) is stored as text in the field's
 * {@link VariantColumns variant column} (added here and recorded in the schema history when the layout has none),
 * the column itself left null; it is in {@code _record} too. Not thread-safe: used by one writer.
 */
final class TypedTables implements AutoCloseable {

    /** The run recorded in the schema history for a table's creation when a writer or an event opens it. */
    static final String OPEN_RUN = "open";
    private static final String ROWS = "_tributary_rows";

    private final DuckDBConnection connection;
    private final EntityTables names;
    private final EntityTable table;
    private final SyncMode mode;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private VariantColumns variants = new VariantColumns();
    private EntityLayout layout;
    private EntityLayout staged;
    /**
     * Whether batches are appended straight into the tables: from a run's start when its entity table is empty
     * (a first sync, a new full refresh), until a batch meets a key already there ({@link KeyConflict}).
     */
    private boolean appendDirectly;

    TypedTables(DuckDBConnection connection, EntityTable table, SyncMode mode) {
        this.connection = connection;
        this.names = EntityTables.of(table);
        this.table = table;
        this.mode = mode;
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
        return layoutTable.equals(names.live()) ? names.staging() : EntityTables.stagingOf(layoutTable);
    }

    /**
     * Prepares the tables inside the caller's transaction: creates what is missing (recording the entity table's
     * creation in the history), takes over a table written before typed tables as it is, and for a new full refresh
     * replaces the staging tables with empty copies of the live tables.
     */
    void prepare(SyncState state, Instant now) throws SQLException {
        String live = names.live();
        Optional<EntityLayout> recorded = DuckDbMetadata.HISTORY.read(connection, live);
        if (recorded.isEmpty()) {
            EntityLayout keysOnly = EntityLayout.keysOnly(live, keyColumns());
            DuckDbMetadata.HISTORY.record(connection, SchemaHistory.creation(keysOnly.table(), "new entity "
                    + table.entity()), now, OPEN_RUN);
            columns(connection, live).ifPresent(this::adoptUntypedTable);
            recorded = Optional.of(keysOnly);
        }
        EntityLayout ofLive = restrict(connection, recorded.get(), UnaryOperator.identity());
        if (mode == SyncMode.INCREMENTAL) {
            execute(TypedTableSql.createEntityTable(live, ofLive.table(), true));
            layout = ofLive;
            appendDirectly = isEmpty(live);
        } else if (state.position().isEmpty()) {
            execute("DROP TABLE IF EXISTS " + quote(names.staging()));
            for (TableLayout child : recorded.get().children()) {
                execute("DROP TABLE IF EXISTS " + quote(physical(child.name())));
            }
            execute(TypedTableSql.createEntityTable(names.staging(), ofLive.table(), false));
            for (TableLayout child : ofLive.children()) {
                execute(TypedTableSql.createChildTable(physical(child.name()), child));
            }
            layout = ofLive;
            appendDirectly = true;
        } else {
            execute(TypedTableSql.createEntityTable(names.staging(), ofLive.table(), true));
            layout = restrict(connection, recorded.get(), this::physical);
            appendDirectly = isEmpty(names.staging());
        }
    }

    /** Whether a table has no row: one look at the start of a run, not per batch. */
    private boolean isEmpty(String physical) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + quote(physical) + ")")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    /**
     * A table of the version before typed tables ({@code _record} required, no history): kept with its rows, which
     * get typed columns as they are written again; {@code _record} becomes optional.
     */
    private void adoptUntypedTable(Map<String, Boolean> columns) {
        if (!columns.containsKey("_record")) {
            throw new IllegalStateException("table " + names.live() + " exists without a _record column, so it was"
                    + " not made by Tributary; drop or rename it, or sync into another prefix");
        }
        if (Boolean.TRUE.equals(columns.get("_record"))) {
            try {
                execute("ALTER TABLE " + quote(names.live()) + " ALTER COLUMN \"_record\" DROP NOT NULL");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot make _record of " + names.live() + " optional: "
                        + e.getMessage(), e);
            }
        }
    }

    /** The layout of an entity's live tables, empty when it has no table or an untyped one. */
    static Optional<EntityLayout> readLayout(Connection connection, EntityTable table) throws SQLException {
        String live = EntityTables.of(table).live();
        if (columns(connection, live).isEmpty()) {
            return Optional.empty();
        }
        Optional<EntityLayout> recorded = DuckDbMetadata.HISTORY.read(connection, live);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(restrict(connection, recorded.get(), UnaryOperator.identity()));
    }

    /**
     * Writes the typed batch inside the caller's transaction; the caller then marks deletions and stores state.
     * Schema changes the tables already have (a column a webhook event added meanwhile) are skipped; see
     * {@link LayoutChanges}.
     */
    void write(TypedWrite typed, Instant syncedAt, String dataSource) throws SQLException {
        VariantColumns variantsBefore = variants.copy();
        EntityLayout layoutBefore = layout;
        try {
            List<SchemaHistory.Entry> entries = new ArrayList<>();
            List<SchemaChange> changes = typed.changes().isEmpty() ? List.of()
                    : LayoutChanges.pending(current(), typed.changes());
            for (SchemaChange change : changes) {
                apply(change, typed.layout(), entries);
            }
            writeRows(typed, typed.layout(), entries, syncedAt, dataSource, appendDirectly);
        } catch (KeyConflict e) {
            // The caller rolls back and writes the batch again: forget what this attempt added, and use staging.
            variants = variantsBefore;
            layout = layoutBefore;
            appendDirectly = false;
            throw e;
        }
    }

    /**
     * Writes the typed rows of a source event into the live tables inside the caller's transaction: applies the
     * event's schema changes the tables do not have yet ({@link LayoutChanges#pending}), then upserts its rows and
     * replaces their child rows with every current column (those the event did not know become null, as a write with
     * the newer layout would set them). {@code typed} holds only the rows to write.
     *
     * @throws IllegalStateException when a column to add exists already with another type or for another field
     */
    void writeEvent(TypedWrite typed, Instant at, String dataSource) throws SQLException {
        List<SchemaHistory.Entry> entries = new ArrayList<>();
        for (SchemaChange change : LayoutChanges.pending(current(), typed.changes())) {
            apply(change, typed.layout(), entries);
        }
        DuckDbMetadata.HISTORY.record(connection, entries, at, typed.runId());
        writeRows(typed, LayoutChanges.merged(current(), typed.layout()), new ArrayList<>(), at,
                dataSource, false);
    }

    /**
     * The layout the tables written have now: the recorded layout cut to the tables and columns that exist in this
     * run's physical tables (a column an event added during the sync included).
     */
    private EntityLayout current() throws SQLException {
        EntityLayout recorded = DuckDbMetadata.HISTORY.read(connection, names.live())
                .orElseGet(() -> EntityLayout.keysOnly(names.live(), keyColumns()));
        return restrict(connection, recorded, this::physical);
    }

    /**
     * Adds the variant columns the rows need to {@code base}, records them with {@code entries} in the history, and
     * writes the rows with the resulting layout: appended straight into the tables when {@code direct}, else through
     * the staging tables.
     */
    private void writeRows(TypedWrite typed, EntityLayout base, List<SchemaHistory.Entry> entries, Instant syncedAt,
            String dataSource, boolean direct) throws SQLException {
        EntityLayout next = variants.extend(base, typed, (table, column, variant) -> {
            execute(TypedTableSql.addColumn(physical(table.name()), variant));
            entries.add(new SchemaHistory.Entry(table.name(), Optional.of(variant),
                    SchemaChange.Kind.ADD_VARIANT_COLUMN.name(), table.parent(), "a value of " + column.sourcePath()
                    + " does not fit DuckDB's " + DuckDbTypes.nativeType(column.type())));
        });
        DuckDbMetadata.HISTORY.record(connection, entries, syncedAt, typed.runId());
        layout = next;
        if (direct) {
            appendDirectly(typed, syncedAt, dataSource);
            return;
        }
        if (!layout.equals(staged)) {
            closeStatements();
            createStagingTables();
            staged = layout;
        }
        if (typed.rows().isEmpty()) {
            return;
        }
        TableLayout entity = layout.table();
        stage(ROWS, entity, typed.rows(), true);
        boolean replaced = upsert(entity, syncedAt, dataSource);
        List<TableLayout> children = layout.children();
        for (int i = 0; i < children.size(); i++) {
            TableLayout child = children.get(i);
            String target = physical(child.name());
            if (replaced) {
                statement(TypedTableSql.deleteChildrenOfStaged(target, child, ROWS, entity)).executeUpdate();
            }
            List<Map<String, Object>> rows = typed.childRows().getOrDefault(child.name(), List.of());
            if (!rows.isEmpty()) {
                stage(childStaging(i), child, rows, false);
                PreparedStatement insert = statement(TypedTableSql.insertChildren(target, childStaging(i), child));
                insert.setObject(1, utc(syncedAt));
                insert.executeUpdate();
            }
        }
    }

    /**
     * Appends the rows straight into the entity table and their child rows into the child tables, without staging:
     * exact only while no key of the batch can be in the table, so a key that is there already raises
     * {@link KeyConflict}. A child row cannot be there without its parent row (both are written in one transaction).
     */
    private void appendDirectly(TypedWrite typed, Instant syncedAt, String dataSource) throws SQLException {
        if (!typed.rows().isEmpty()) {
            appendInto(layout.table(), typed.rows(), syncedAt, dataSource);
        }
        for (TableLayout child : layout.children()) {
            List<Map<String, Object>> rows = typed.childRows().getOrDefault(child.name(), List.of());
            if (!rows.isEmpty()) {
                appendInto(child, rows, syncedAt, dataSource);
            }
        }
    }

    /** Appends rows into the physical table of {@code tableLayout}, in the order of its columns now. */
    private void appendInto(TableLayout tableLayout, List<Map<String, Object>> rows, Instant syncedAt,
            String dataSource) throws SQLException {
        String target = physical(tableLayout.name());
        List<String> physicalColumns = List.copyOf(columns(connection, target).orElseThrow(
                () -> new IllegalStateException("table " + target + " is missing")).keySet());
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, target)) {
            new RowAppender(tableLayout, physicalColumns).append(appender, rows, syncedAt, dataSource);
        } catch (SQLException e) {
            throw KeyConflict.isKeyViolation(e) ? new KeyConflict(target, e) : e;
        }
    }

    /**
     * Moves the staged entity rows into their table. When the table has no column outside the layout (the usual
     * case), the rows of the staged keys are deleted and the staged rows inserted, about twice as fast in DuckDB as
     * {@code INSERT ... ON CONFLICT DO UPDATE}, which is used otherwise (a column a webhook event added that this
     * batch's layout does not know keeps its values).
     *
     * @return whether rows of the staged keys may have existed: false only when none was replaced, so the staged
     *     parents have no child rows either (child rows are written with their parent, in its transaction)
     */
    private boolean upsert(TableLayout entity, Instant syncedAt, String dataSource) throws SQLException {
        String target = physical(entity.name());
        boolean whole;
        try (ResultSet count = statement(TypedTableSql.countColumns(target)).executeQuery()) {
            whole = count.next() && count.getInt(1) == TypedTableSql.columnCount(entity);
        }
        if (!whole) {
            PreparedStatement upsert = statement(TypedTableSql.upsert(target, ROWS, entity));
            upsert.setObject(1, utc(syncedAt));
            upsert.setString(2, dataSource);
            upsert.executeUpdate();
            return true;
        }
        int replaced = statement(TypedTableSql.deleteStaged(target, ROWS, entity)).executeUpdate();
        PreparedStatement insert = statement(TypedTableSql.insertStaged(target, ROWS, entity));
        insert.setObject(1, utc(syncedAt));
        insert.setString(2, dataSource);
        insert.executeUpdate();
        return replaced > 0;
    }

    /** The statements, run in {@code finish}'s transaction, that swap every staging table of a full refresh in. */
    List<String> swaps() {
        List<String> swaps = new ArrayList<>(swap(names.live()));
        for (TableLayout child : layout.children()) {
            swaps.addAll(swap(child.name()));
        }
        return swaps;
    }

    private List<String> swap(String live) {
        return List.of("DROP TABLE IF EXISTS " + quote(live),
                "ALTER TABLE " + quote(physical(live)) + " RENAME TO " + quote(live));
    }

    private void apply(SchemaChange change, EntityLayout after, List<SchemaHistory.Entry> entries)
            throws SQLException {
        String target = physical(change.table());
        Optional<String> parent = after.tableNamed(change.table()).flatMap(TableLayout::parent);
        if (change.kind() == SchemaChange.Kind.CREATE_TABLE) {
            TableLayout child = after.tableNamed(change.table()).orElseThrow(() -> new IllegalArgumentException(
                    "a change creates table '" + change.table() + "', which is not in the batch's layout"));
            TableLayout keys = new TableLayout(child.name(), child.keyColumns(), List.of(), child.parent());
            execute(TypedTableSql.createChildTable(target, keys));
            entries.addAll(SchemaHistory.creation(keys, change.reason()));
            return;
        }
        Column column = change.column().orElseThrow();
        if (change.kind() == SchemaChange.Kind.WIDEN_COLUMN) {
            execute(TypedTableSql.widenToNumber(target, column.name()));
        } else {
            execute(TypedTableSql.addColumn(target, column));
        }
        entries.add(new SchemaHistory.Entry(change.table(), Optional.of(column), change.kind().name(), parent,
                change.reason()));
    }

    private void createStagingTables() throws SQLException {
        execute(TypedTableSql.createStaging(ROWS, layout.table(), true));
        for (int i = 0; i < layout.children().size(); i++) {
            execute(TypedTableSql.createStaging(childStaging(i), layout.children().get(i), false));
        }
    }

    private static String childStaging(int index) {
        return ROWS + "_" + index;
    }

    /** Replaces the staging table's rows with {@code rows}; see {@link RowAppender}. */
    private void stage(String staging, TableLayout tableLayout, List<Map<String, Object>> rows, boolean entity)
            throws SQLException {
        execute(TypedTableSql.clearStaging(staging));
        List<String> columns = new ArrayList<>(TypedTableSql.all(tableLayout).stream().map(Column::name).toList());
        if (entity) {
            columns.add("_record");
        }
        try (DuckDBAppender appender = connection.createAppender("temp", "main", staging)) {
            new RowAppender(tableLayout, columns).append(appender, rows);
        }
    }

    /** The recorded layout cut to the tables and columns that physically exist (an abandoned refresh has more). */
    private static EntityLayout restrict(Connection connection, EntityLayout recorded, UnaryOperator<String> physical)
            throws SQLException {
        Map<String, Boolean> entityColumns = columns(connection, physical.apply(recorded.table().name()))
                .orElse(Map.of());
        TableLayout entity = restrict(recorded.table(), entityColumns);
        List<TableLayout> children = new ArrayList<>();
        for (TableLayout child : recorded.children()) {
            Optional<Map<String, Boolean>> columns = columns(connection, physical.apply(child.name()));
            if (columns.isPresent()) {
                children.add(restrict(child, columns.get()));
            }
        }
        return new EntityLayout(entity, children);
    }

    private static TableLayout restrict(TableLayout recorded, Map<String, Boolean> physical) {
        return new TableLayout(recorded.name(), recorded.keyColumns(),
                recorded.columns().stream().filter(c -> physical.containsKey(c.name())).toList(), recorded.parent());
    }

    /** The columns of a table of the database, each with whether it is NOT NULL; empty when it does not exist. */
    static Optional<Map<String, Boolean>> columns(Connection connection, String physical) throws SQLException {
        Map<String, Boolean> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, is_nullable FROM"
                + " information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'main'"
                + " AND table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, physical);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), "NO".equals(rows.getString(2)));
                }
            }
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
    }

    /** The entity table's key columns, of type string, from the primary-key fields. */
    private List<Column> keyColumns() {
        List<Column> keys = new ArrayList<>();
        for (int i = 0; i < table.primaryKey().size(); i++) {
            String name = names.keyColumns().get(i);
            if (keys.stream().noneMatch(k -> k.name().equals(name))) {
                keys.add(new Column(name, ColumnType.STRING, table.primaryKey().get(i), ""));
            }
        }
        return keys;
    }

    private PreparedStatement statement(String text) throws SQLException {
        PreparedStatement statement = statements.get(text);
        if (statement == null) {
            statement = connection.prepareStatement(text);
            statements.put(text, statement);
        }
        return statement;
    }

    private void execute(String text) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(text);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private void closeStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // Closing the connection releases it too.
            }
        }
        statements.clear();
    }

    /** Closes the prepared statements; the writer closes the connection. */
    @Override
    public void close() {
        closeStatements();
    }
}
