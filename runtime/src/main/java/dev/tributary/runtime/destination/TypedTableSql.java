package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.TableLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL text of typed tables: DDL from a {@link TableLayout}, the upsert of entity rows (key columns, data columns,
 * then {@code _record, _synced_at, _data_source}), and the deletion and insertion of child rows; rows go in multi-row
 * {@code VALUES} lists, or as column arrays where the dialect takes them ({@link SqlDialect#columnArrays()}).
 * Table names given are physical (a live table or its staging copy). The row statements of the last few
 * layouts are kept, so that each batch of an unchanged layout gets the same text (whose hash is cached) instead of
 * building it again. Not thread-safe: one per writer.
 */
final class TypedTableSql {

    private static final int KEPT_STATEMENTS = 16;

    private final Map<StatementKey, String> kept = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<StatementKey, String> eldest) {
            return size() > KEPT_STATEMENTS;
        }
    };

    private final SqlDialect dialect;
    private final Optional<ColumnArrays> arrays;
    private final Optional<String> schema;

    TypedTableSql(SqlDialect dialect, Optional<String> schema) {
        this.dialect = dialect;
        this.arrays = dialect.columnArrays();
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

    /**
     * How many of the {@code remaining} rows of a batch (entity rows, or child rows) the next statement writes: all
     * of them when the dialect takes column arrays, else as many as fit one multi-row statement.
     */
    int rowsPerStatement(TableLayout layout, boolean entity, int remaining) {
        if (arrays.isPresent()) {
            return Math.max(1, remaining);
        }
        int columns = layout.keyColumns().size() + layout.columns().size() + (entity ? 3 : 1);
        return dialect.maxRowsPerStatement(columns);
    }

    /**
     * Upserts {@code rows} entity rows; every non-key column takes the new row's value, {@code _deleted_at} null.
     * Parameters: per row its key and data columns, {@code _record}, {@code _synced_at}, {@code _data_source}; with
     * column arrays first {@code _synced_at} and {@code _data_source}, then one array per column and {@code _record},
     * the text the same for any number of rows.
     */
    String upsert(String table, TableLayout layout, int rows) {
        return kept.computeIfAbsent(new StatementKey(true, table, layout, arrays.isPresent() ? 0 : rows),
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
        sql.append("\"_record\", \"_synced_at\", \"_data_source\", \"_deleted_at\") ");
        rows(sql, layout, true, rows);
        sql.append(" ON CONFLICT (").append(String.join(", ", keys)).append(") DO UPDATE SET ");
        for (String column : data) {
            sql.append(column).append(" = excluded.").append(column).append(", ");
        }
        sql.append("\"_record\" = excluded.\"_record\", \"_synced_at\" = excluded.\"_synced_at\",")
                .append(" \"_data_source\" = excluded.\"_data_source\", \"_deleted_at\" = NULL");
        return sql.toString();
    }

    /**
     * Inserts {@code rows} child rows. Parameters: per row its key and data columns then {@code _synced_at}; with
     * column arrays first {@code _synced_at}, then one array per column.
     */
    String insertChildren(String table, TableLayout layout, int rows) {
        return kept.computeIfAbsent(new StatementKey(false, table, layout, arrays.isPresent() ? 0 : rows),
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
        sql.append("\"_synced_at\") ");
        rows(sql, layout, false, rows);
        return sql.toString();
    }

    /**
     * The rows of an insert: {@code SELECT *, <shared values> FROM unnest(<one array per column>)} with column
     * arrays, else a {@code VALUES} list of {@code rows} rows.
     */
    private void rows(StringBuilder sql, TableLayout layout, boolean entity, int rows) {
        if (arrays.isPresent()) {
            ColumnArrays columnArrays = arrays.get();
            String timestamp = dialect.timestampType();
            sql.append("SELECT *, ").append(columnArrays.scalar(timestamp));
            if (entity) {
                sql.append(", ").append(columnArrays.scalar("TEXT")).append(", CAST(NULL AS ").append(timestamp)
                        .append(')');
            }
            List<String> placeholders = new ArrayList<>();
            for (ColumnType type : rowTypes(layout, entity)) {
                placeholders.add(columnArrays.placeholder(type));
            }
            sql.append(" FROM unnest(").append(String.join(", ", placeholders)).append(')');
            return;
        }
        StringBuilder row = new StringBuilder("(");
        for (ColumnType type : rowTypes(layout, entity)) {
            row.append(dialect.placeholder(type)).append(", ");
        }
        row.append(entity ? "?, ?, NULL)" : "?)");
        sql.append("VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
    }

    /**
     * The types of the values each row of an insert has of its own: its key and data columns, then for an entity
     * row {@code _record} as {@link ColumnType#JSON}.
     */
    private static List<ColumnType> rowTypes(TableLayout layout, boolean entity) {
        List<ColumnType> types = new ArrayList<>();
        for (Column key : layout.keyColumns()) {
            types.add(key.type());
        }
        for (Column column : layout.columns()) {
            types.add(column.type());
        }
        if (entity) {
            types.add(ColumnType.JSON);
        }
        return types;
    }

    /**
     * Deletes child rows by parent key: of one parent, bound in the order of the parent's key columns; with column
     * arrays of every parent of a batch, bound as one array of values per parent key column.
     */
    String deleteChildren(String table, TableLayout layout) {
        List<Column> keys = layout.keyColumns();
        List<Column> parentKeys = keys.subList(0, keys.size() - 1);
        if (arrays.isPresent()) {
            List<String> placeholders = new ArrayList<>();
            for (Column key : parentKeys) {
                placeholders.add(arrays.get().placeholder(key.type()));
            }
            return "DELETE FROM " + qualified(table) + " WHERE (" + String.join(", ", quoted(parentKeys))
                    + ") IN (SELECT * FROM unnest(" + String.join(", ", placeholders) + "))";
        }
        List<String> conditions = new ArrayList<>();
        for (Column key : parentKeys) {
            conditions.add(dialect.quote(key.name()) + " = ?");
        }
        return "DELETE FROM " + qualified(table) + " WHERE " + String.join(" AND ", conditions);
    }

    /** Which statement: an entity upsert or a child insert, of {@code rows} rows (0 with column arrays) of a layout. */
    private record StatementKey(boolean upsert, String table, TableLayout layout, int rows) {
    }

    private List<String> quoted(List<Column> columns) {
        return columns.stream().map(c -> dialect.quote(c.name())).toList();
    }
}
