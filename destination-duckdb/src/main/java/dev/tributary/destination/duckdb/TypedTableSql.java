package dev.tributary.destination.duckdb;

import static dev.tributary.destination.duckdb.EntityTables.quote;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL text of typed DuckDB tables: DDL from a {@link TableLayout}, the per-connection temporary staging tables
 * a batch's rows are appended into, and the set-based statements that move them into the tables (the upsert of
 * entity rows, the replacement of the child rows of the staged parents). Table names given are physical (a live
 * table or its staging copy). Stateless.
 */
final class TypedTableSql {

    private static final String TEMP = "temp.main.";

    private TypedTableSql() {
    }

    /** An entity table with the layout's key and data columns and the system columns; {@code _record} nullable. */
    static String createEntityTable(String table, TableLayout layout, boolean ifNotExists) {
        return create(table, layout, ifNotExists) + "\"_record\" JSON, \"_synced_at\" TIMESTAMPTZ NOT NULL,"
                + " \"_data_source\" VARCHAR NOT NULL, \"_deleted_at\" TIMESTAMPTZ, PRIMARY KEY ("
                + join(layout.keyColumns()) + "))";
    }

    /** A child table: the parent's key columns and {@code _position} as its key, its data columns, {@code _synced_at}. */
    static String createChildTable(String table, TableLayout layout) {
        return create(table, layout, true) + "\"_synced_at\" TIMESTAMPTZ NOT NULL, PRIMARY KEY ("
                + join(layout.keyColumns()) + "))";
    }

    private static String create(String table, TableLayout layout, boolean ifNotExists) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(ifNotExists ? "IF NOT EXISTS " : "")
                .append(quote(table)).append(" (");
        for (Column key : layout.keyColumns()) {
            sql.append(quote(key.name())).append(' ').append(DuckDbTypes.nativeType(key.type())).append(" NOT NULL, ");
        }
        for (Column column : layout.columns()) {
            sql.append(quote(column.name())).append(' ').append(DuckDbTypes.nativeType(column.type())).append(", ");
        }
        return sql.toString();
    }

    /** Adds a nullable column; a column of that name already there (added by an earlier crash-free run) is kept. */
    static String addColumn(String table, Column column) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN IF NOT EXISTS " + quote(column.name()) + " "
                + DuckDbTypes.nativeType(column.type());
    }

    /** Changes an integer column to the decimal type, keeping every value. */
    static String widenToNumber(String table, String column) {
        return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " TYPE " + DuckDbTypes.DECIMAL;
    }

    /**
     * A temporary table of this connection holding one batch's rows of {@code layout}: its key and data columns,
     * plus {@code _record} for an entity table; replaces the previous one of that name.
     */
    static String createStaging(String staging, TableLayout layout, boolean entity) {
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE TEMP TABLE ").append(quote(staging)).append(" (");
        List<String> columns = new ArrayList<>();
        for (Column column : all(layout)) {
            columns.add(quote(column.name()) + " " + DuckDbTypes.stagingType(column.type()));
        }
        if (entity) {
            columns.add("\"_record\" VARCHAR");
        }
        return sql.append(String.join(", ", columns)).append(')').toString();
    }

    static String clearStaging(String staging) {
        return "DELETE FROM " + TEMP + quote(staging);
    }

    /**
     * Upserts the staged entity rows into {@code table}; every non-key column of the layout takes the new row's value
     * (columns outside it keep theirs) and {@code _deleted_at} becomes null. Parameters: {@code _synced_at},
     * {@code _data_source}.
     */
    static String upsert(String table, String staging, TableLayout layout) {
        String columns = join(all(layout));
        String keys = join(layout.keyColumns());
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table)).append(" (").append(columns)
                .append(", \"_record\", \"_synced_at\", \"_data_source\", \"_deleted_at\") SELECT ").append(columns)
                .append(", \"_record\", ?, ?, NULL FROM ").append(TEMP).append(quote(staging))
                .append(" ON CONFLICT (").append(keys).append(") DO UPDATE SET ");
        for (Column column : layout.columns()) {
            sql.append(quote(column.name())).append(" = excluded.").append(quote(column.name())).append(", ");
        }
        return sql.append("\"_record\" = excluded.\"_record\", \"_synced_at\" = excluded.\"_synced_at\",")
                .append(" \"_data_source\" = excluded.\"_data_source\", \"_deleted_at\" = NULL").toString();
    }

    /**
     * Deletes the rows of entity table {@code table} whose key is among the staged rows: one hash join against the
     * staged keys. With {@link #insertStaged} it replaces the staged rows whole, which DuckDB does about twice as fast
     * as {@link #upsert}.
     */
    static String deleteStaged(String table, String staging, TableLayout layout) {
        return deleteJoined(table, layout.keyColumns(), staging, layout.keyColumns());
    }

    /** Inserts the staged entity rows into {@code table}. Parameters: {@code _synced_at}, {@code _data_source}. */
    static String insertStaged(String table, String staging, TableLayout layout) {
        String columns = join(all(layout));
        return "INSERT INTO " + quote(table) + " (" + columns + ", \"_record\", \"_synced_at\", \"_data_source\","
                + " \"_deleted_at\") SELECT " + columns + ", \"_record\", ?, ?, NULL FROM " + TEMP + quote(staging);
    }

    /**
     * How many columns {@code table} has: when they are the layout's and the system columns only ({@link
     * #columnCount}), replacing a row whole loses nothing. Parameter: none.
     */
    static String countColumns(String table) {
        return "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() AND schema_name ="
                + " 'main' AND table_name = '" + table.replace("'", "''") + "'";
    }

    /** The columns of an entity table of {@code layout}: its key and data columns and the four system columns. */
    static int columnCount(TableLayout layout) {
        return layout.keyColumns().size() + layout.columns().size() + 4;
    }

    /**
     * Deletes the rows of child table {@code table} whose parent key is among the staged entity rows: one hash join
     * against the staged keys.
     */
    static String deleteChildrenOfStaged(String table, TableLayout child, String parentStaging, TableLayout parent) {
        return deleteJoined(table, child.keyColumns().subList(0, parent.keyColumns().size()), parentStaging,
                parent.keyColumns());
    }

    private static String deleteJoined(String table, List<Column> columns, String staging, List<Column> staged) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < staged.size(); i++) {
            conditions.add(quote(table) + "." + quote(columns.get(i).name()) + " = s." + quote(staged.get(i).name()));
        }
        return "DELETE FROM " + quote(table) + " USING " + TEMP + quote(staging) + " s WHERE "
                + String.join(" AND ", conditions);
    }

    /** Inserts the staged child rows into {@code table}. Parameter: {@code _synced_at}. */
    static String insertChildren(String table, String staging, TableLayout layout) {
        String columns = join(all(layout));
        return "INSERT INTO " + quote(table) + " (" + columns + ", \"_synced_at\") SELECT " + columns + ", ? FROM "
                + TEMP + quote(staging);
    }

    /** The key columns, then the data columns. */
    static List<Column> all(TableLayout layout) {
        List<Column> all = new ArrayList<>(layout.keyColumns());
        all.addAll(layout.columns());
        return all;
    }

    private static String join(List<Column> columns) {
        return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }
}
