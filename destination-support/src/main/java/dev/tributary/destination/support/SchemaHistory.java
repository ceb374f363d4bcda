package dev.tributary.destination.support;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.TableLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code _tributary_schema} table: every change to the typed tables, one row per column (table, column, type,
 * change, time, run, the column's source path, the table's parent and a reason, plus its native type where the
 * {@link MetadataDialect#recordsNativeTypes dialect records it}). A table's creation is recorded as one
 * {@code CREATE_TABLE} row per key column. Replaying the rows in order gives the typed layout of an entity's
 * tables, with the source paths needed to continue naming columns as before after a restart. Every method works
 * inside the caller's transaction. Stateless apart from its dialect and qualified name; thread-safe.
 */
public final class SchemaHistory {

    /** The table's name, before qualification. */
    public static final String NAME = "_tributary_schema";
    /** The change recorded for each key column of a new table. */
    public static final String CREATE_TABLE = "CREATE_TABLE";

    private final MetadataDialect dialect;
    private final String table;
    private final String sequence;

    /** The history in {@code schema} (the default schema when absent), named as {@code dialect} qualifies. */
    public SchemaHistory(MetadataDialect dialect, Optional<String> schema) {
        this.dialect = dialect;
        this.table = dialect.qualify(schema, NAME);
        this.sequence = dialect.qualify(schema, NAME + "_id");
    }

    /** Creates the table (and the sequence of its id, where the dialect needs one) when missing. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : dialect.createSequence(sequence)) {
                statement.execute(sql);
            }
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + dialect.serialPrimaryKey("id", sequence)
                    + ", \"table\" TEXT NOT NULL, \"column\" TEXT, \"type\" TEXT,"
                    + (dialect.recordsNativeTypes() ? " native_type TEXT," : "") + " \"change\" TEXT NOT NULL,"
                    + " \"time\" " + dialect.historyTimeType() + " NOT NULL, \"run\" TEXT NOT NULL, source_path TEXT,"
                    + " parent_table TEXT, reason TEXT NOT NULL)");
        }
    }

    /**
     * One history row: a change to {@code table}'s {@code column} (absent for a change of the table alone).
     *
     * @param change {@link #CREATE_TABLE} or a {@link dev.tributary.spi.destination.SchemaChange.Kind} name
     * @param parent the parent table of a child table
     */
    public record Entry(String table, Optional<Column> column, String change, Optional<String> parent, String reason) {
        /** Checks every part is present. */
        public Entry {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Appends the entries, in their order, with the time and run id they share; nothing when empty. */
    public void record(Connection connection, List<Entry> entries, Instant time, String run) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        boolean nativeTypes = dialect.recordsNativeTypes();
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table + " (\"table\","
                + " \"column\", \"type\", \"change\", \"time\", \"run\", source_path, parent_table, reason"
                + (nativeTypes ? ", native_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        : ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
            for (Entry entry : entries) {
                statement.setString(1, entry.table());
                statement.setString(2, entry.column().map(Column::name).orElse(null));
                statement.setString(3, entry.column().map(c -> c.type().name()).orElse(null));
                statement.setString(4, entry.change());
                dialect.bindHistoryTime(statement, 5, time);
                statement.setString(6, run);
                statement.setString(7, entry.column().map(Column::sourcePath).orElse(null));
                statement.setString(8, entry.parent().orElse(null));
                statement.setString(9, entry.reason());
                if (nativeTypes) {
                    statement.setString(10, entry.column().map(c -> dialect.nativeType(c.type())).orElse(null));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The creation entries of a table: one per key column. */
    public static List<Entry> creation(TableLayout layout, String reason) {
        return layout.keyColumns().stream()
                .map(key -> new Entry(layout.name(), Optional.of(key), CREATE_TABLE, layout.parent(), reason))
                .toList();
    }

    /**
     * The layout recorded for the entity table {@code entityTable} and its child tables, or empty when the history
     * has no creation of it (a table of a version without typed tables, or none). A column's later entry (a
     * widening) replaces its type.
     */
    public Optional<EntityLayout> read(Connection connection, String entityTable) throws SQLException {
        Map<String, Recorded> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT \"table\", \"column\", \"type\","
                + " \"change\", source_path, parent_table FROM " + table + " WHERE \"table\" = ? OR parent_table = ?"
                + " ORDER BY id")) {
            statement.setString(1, entityTable);
            statement.setString(2, entityTable);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String parent = rows.getString(6);
                    Recorded recorded = tables.computeIfAbsent(rows.getString(1),
                            name -> new Recorded(Optional.ofNullable(parent)));
                    String columnName = rows.getString(2);
                    if (columnName == null) {
                        continue;
                    }
                    Column column = new Column(columnName, ColumnType.valueOf(rows.getString(3)),
                            Optional.ofNullable(rows.getString(5)).orElse(""), "");
                    if (CREATE_TABLE.equals(rows.getString(4))) {
                        recorded.keys.put(columnName, column);
                    } else {
                        recorded.columns.put(columnName, column);
                    }
                }
            }
        }
        Recorded entity = tables.remove(entityTable);
        if (entity == null || entity.keys.isEmpty()) {
            return Optional.empty();
        }
        List<TableLayout> children = new ArrayList<>();
        tables.forEach((name, recorded) -> {
            if (!recorded.keys.isEmpty()) {
                children.add(recorded.layout(name));
            }
        });
        return Optional.of(new EntityLayout(entity.layout(entityTable), children));
    }

    /** The columns recorded for one table; a later entry of the same column (a widening) replaces its type. */
    private static final class Recorded {
        private final Optional<String> parent;
        private final Map<String, Column> keys = new LinkedHashMap<>();
        private final Map<String, Column> columns = new LinkedHashMap<>();

        Recorded(Optional<String> parent) {
            this.parent = parent;
        }

        TableLayout layout(String name) {
            return new TableLayout(name, List.copyOf(keys.values()), List.copyOf(columns.values()), parent);
        }
    }
}
