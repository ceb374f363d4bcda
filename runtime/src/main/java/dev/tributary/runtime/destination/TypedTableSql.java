package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.TableLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL text of typed tables: DDL from a {@link TableLayout}, the multi-row upsert of entity rows (key columns,
 * data columns, then {@code _record, _synced_at, _data_source}), and the deletion and insertion of child rows.
 * Table names given are physical (a live table or its staging copy). The multi-row statements of the last few
 * layouts are kept, so that each batch of an unchanged layout gets the same text (whose hash is cached) instead of
 * building it again. Not thread-safe: one per writer.
 */
final class TypedTableSql {

    private static final String SYSTEM_VALUES = ", ?, ?, NULL)";
    private static final int KEPT_STATEMENTS = 16;

    private final Map<StatementKey, String> kept = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<StatementKey, String> eldest) {
            return size() > KEPT_STATEMENTS;
        }
    };

    private final SqlDialect dialect;
    private final Optional<String> schema;

    TypedTableSql(SqlDialect dialect, Optional<String> schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    String qualified(String table) {
        return dialect.qualify(schema, table);
    }

    /** An entity table with the layout's key and data columns and the system columns; {@code _record} nullable. */
    String createEntityTable(String table, TableLayout layout, boolean ifNotExists) {
        StringBuilder sql = create(table, layout, ifNotExists);
        sql.append("\"_record\" ").append(dialect.jsonType()).append(", ")
                .append("\"_synced_at\" ").append(dialect.timestampType()).append(" NOT NULL, ")
                .append("\"_data_source\" TEXT NOT NULL, ")
                .append("\"_deleted_at\" ").append(dialect.timestampType()).append(", ")
                .append(dialect.primaryKeyClause(table, quoted(layout.keyColumns()))).append(')');
        return sql.toString();
    }

    /** A child table: the parent's key columns and {@code _position} as its key, its data columns, {@code _synced_at}. */
    String createChildTable(String table, TableLayout layout) {
        StringBuilder sql = create(table, layout, true);
        sql.append("\"_synced_at\" ").append(dialect.timestampType()).append(" NOT NULL, ")
                .append(dialect.primaryKeyClause(table, quoted(layout.keyColumns()))).append(')');
        return sql.toString();
    }

    private StringBuilder create(String table, TableLayout layout, boolean ifNotExists) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ");
        if (ifNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(qualified(table)).append(" (");
        for (Column key : layout.keyColumns()) {
            sql.append(dialect.quote(key.name())).append(' ').append(dialect.nativeType(key.type()))
                    .append(" NOT NULL, ");
        }
        for (Column column : layout.columns()) {
            sql.append(dialect.quote(column.name())).append(' ').append(dialect.nativeType(column.type()))
                    .append(", ");
        }
        return sql;
    }

    String addColumn(String table, Column column) {
        return "ALTER TABLE " + qualified(table) + " ADD COLUMN " + dialect.quote(column.name()) + " "
                + dialect.nativeType(column.type());
    }

    /** Parameters per entity row in {@link #upsert}. */
    static int entityColumnsPerRow(TableLayout layout) {
        return layout.keyColumns().size() + layout.columns().size() + 3;
    }

    /** Parameters per child row in {@link #insertChildren}. */
    static int childColumnsPerRow(TableLayout layout) {
        return layout.keyColumns().size() + layout.columns().size() + 1;
    }

    /** Upserts {@code rows} entity rows; every non-key column takes the new row's value, {@code _deleted_at} null. */
    String upsert(String table, TableLayout layout, int rows) {
        return kept.computeIfAbsent(new StatementKey(true, table, layout, rows),
                key -> buildUpsert(table, layout, rows));
    }

    private String buildUpsert(String table, TableLayout layout, int rows) {
        List<String> keys = quoted(layout.keyColumns());
        List<String> data = quoted(layout.columns());
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualified(table)).append(" (");
        for (String column : keys) {
            sql.append(column).append(", ");
        }
        for (String column : data) {
            sql.append(column).append(", ");
        }
        sql.append("\"_record\", \"_synced_at\", \"_data_source\", \"_deleted_at\") VALUES ");
        String row = values(layout, true);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        sql.append(" ON CONFLICT (").append(String.join(", ", keys)).append(") DO UPDATE SET ");
        for (String column : data) {
            sql.append(column).append(" = excluded.").append(column).append(", ");
        }
        sql.append("\"_record\" = excluded.\"_record\", \"_synced_at\" = excluded.\"_synced_at\",")
                .append(" \"_data_source\" = excluded.\"_data_source\", \"_deleted_at\" = NULL");
        return sql.toString();
    }

    /** Inserts {@code rows} child rows. */
    String insertChildren(String table, TableLayout layout, int rows) {
        return kept.computeIfAbsent(new StatementKey(false, table, layout, rows),
                key -> buildInsertChildren(table, layout, rows));
    }

    private String buildInsertChildren(String table, TableLayout layout, int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualified(table)).append(" (");
        for (String column : quoted(layout.keyColumns())) {
            sql.append(column).append(", ");
        }
        for (String column : quoted(layout.columns())) {
            sql.append(column).append(", ");
        }
        sql.append("\"_synced_at\") VALUES ");
        String row = values(layout, false);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    /** Deletes the child rows of one parent key, bound in the order of the parent's key columns. */
    String deleteChildren(String table, TableLayout layout) {
        List<String> conditions = new ArrayList<>();
        List<Column> keys = layout.keyColumns();
        for (Column key : keys.subList(0, keys.size() - 1)) {
            conditions.add(dialect.quote(key.name()) + " = ?");
        }
        return "DELETE FROM " + qualified(table) + " WHERE " + String.join(" AND ", conditions);
    }

    private String values(TableLayout layout, boolean entity) {
        StringBuilder row = new StringBuilder("(");
        for (Column key : layout.keyColumns()) {
            row.append(dialect.placeholder(key.type())).append(", ");
        }
        for (Column column : layout.columns()) {
            row.append(dialect.placeholder(column.type())).append(", ");
        }
        if (entity) {
            return row.append(dialect.jsonPlaceholder()).append(SYSTEM_VALUES).toString();
        }
        return row.append("?)").toString();
    }

    /** Which multi-row statement: an entity upsert or a child insert, of {@code rows} rows of a layout. */
    private record StatementKey(boolean upsert, String table, TableLayout layout, int rows) {
    }

    private List<String> quoted(List<Column> columns) {
        return columns.stream().map(c -> dialect.quote(c.name())).toList();
    }
}
