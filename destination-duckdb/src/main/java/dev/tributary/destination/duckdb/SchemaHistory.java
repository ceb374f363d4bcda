package dev.tributary.destination.duckdb;

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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code _tributary_schema} table, as the runtime's SQLite and PostgreSQL destinations keep it: every change to
 * the typed tables, one row per column (table, column, logical type, change, time, run, the column's source path,
 * the table's parent, a reason), plus the column's DuckDB type. A table's creation is one {@code CREATE_TABLE} row
 * per key column. Replaying the rows in order gives the typed layout of an entity's tables, so a restart keeps the
 * column names. Stateless; thread-safe.
 */
final class SchemaHistory {

    static final String NAME = "_tributary_schema";
    static final String CREATE_TABLE = "CREATE_TABLE";
    private static final String SEQUENCE = "_tributary_schema_id";

    private SchemaHistory() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SEQUENCE IF NOT EXISTS " + SEQUENCE);
            statement.execute("CREATE TABLE IF NOT EXISTS " + NAME + " (id BIGINT PRIMARY KEY DEFAULT nextval('"
                    + SEQUENCE + "'), \"table\" VARCHAR NOT NULL, \"column\" VARCHAR, \"type\" VARCHAR,"
                    + " native_type VARCHAR, \"change\" VARCHAR NOT NULL, \"time\" TIMESTAMPTZ NOT NULL,"
                    + " \"run\" VARCHAR NOT NULL, source_path VARCHAR, parent_table VARCHAR, reason VARCHAR NOT NULL)");
        }
    }

    /** One history row, as part of the caller's transaction. */
    record Entry(String table, Optional<Column> column, String change, Optional<String> parent, String reason) {
    }

    /** The creation entries of a table: one per key column. */
    static List<Entry> creation(TableLayout layout, String reason) {
        return layout.keyColumns().stream()
                .map(key -> new Entry(layout.name(), Optional.of(key), CREATE_TABLE, layout.parent(), reason))
                .toList();
    }

    static void record(Connection connection, List<Entry> entries, Instant time, String run) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + NAME + " (\"table\","
                + " \"column\", \"type\", native_type, \"change\", \"time\", \"run\", source_path, parent_table,"
                + " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Entry entry : entries) {
                statement.setString(1, entry.table());
                statement.setString(2, entry.column().map(Column::name).orElse(null));
                statement.setString(3, entry.column().map(c -> c.type().name()).orElse(null));
                statement.setString(4, entry.column().map(c -> DuckDbTypes.nativeType(c.type())).orElse(null));
                statement.setString(5, entry.change());
                statement.setObject(6, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
                statement.setString(7, run);
                statement.setString(8, entry.column().map(Column::sourcePath).orElse(null));
                statement.setString(9, entry.parent().orElse(null));
                statement.setString(10, entry.reason());
                statement.executeUpdate();
            }
        }
    }

    /**
     * The layout recorded for the entity table {@code entityTable} and its child tables, or empty when the history
     * has no creation of it (a table written before typed tables, or none).
     */
    static Optional<EntityLayout> read(Connection connection, String entityTable) throws SQLException {
        Map<String, Recorded> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT \"table\", \"column\", \"type\","
                + " \"change\", source_path, parent_table FROM " + NAME + " WHERE \"table\" = ? OR parent_table = ?"
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
