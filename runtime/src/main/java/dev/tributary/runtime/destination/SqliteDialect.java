package dev.tributary.runtime.destination;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.math.BigDecimal;
import dev.tributary.spi.destination.ColumnType;
import java.time.Instant;
import java.util.List;

/**
 * SQLite: JSON as {@code TEXT}, timestamps as ISO-8601 UTC text (sortable, readable by SQLite's date functions),
 * no schemas. Stateless and thread-safe.
 */
final class SqliteDialect implements SqlDialect {

    // SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32766 since 3.32; stay well below it.
    private static final int MAX_PARAMETERS = 30_000;
    private static final int MAX_ROWS = 500;

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public String jsonType() {
        return "TEXT";
    }

    @Override
    public String timestampType() {
        return "TEXT";
    }

    @Override
    public String jsonPlaceholder() {
        return "?";
    }

    @Override
    public int maxRowsPerStatement(int columns) {
        return Math.min(MAX_ROWS, MAX_PARAMETERS / columns);
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setString(index, value.toString());
    }

    @Override
    public String primaryKeyClause(String table, List<String> quotedColumns) {
        return "PRIMARY KEY (" + String.join(", ", quotedColumns) + ")";
    }

    /** Booleans 0/1, timestamps ISO-8601 UTC text, dates {@code yyyy-mm-dd}, exact decimals as text. */
    @Override
    public String nativeType(ColumnType type) {
        return switch (type) {
            case INTEGER, BOOLEAN -> "INTEGER";
            case STRING, NUMBER, TIMESTAMP, DATE, JSON -> "TEXT";
        };
    }

    @Override
    public void bind(PreparedStatement statement, int index, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, type == ColumnType.INTEGER || type == ColumnType.BOOLEAN ? Types.INTEGER
                    : Types.VARCHAR);
            return;
        }
        switch (type) {
            case INTEGER -> statement.setLong(index, (Long) value);
            case BOOLEAN -> statement.setInt(index, ((Boolean) value) ? 1 : 0);
            case NUMBER -> statement.setString(index, ((BigDecimal) value).toPlainString());
            default -> statement.setString(index, value.toString());
        }
    }

    /**
     * SQLite cannot change a column's type and its INTEGER affinity would turn decimal text into lossy REAL values,
     * so the column is replaced by a TEXT one holding the same values (it moves to the end of the table).
     */
    @Override
    public List<String> widenToNumber(String qualifiedTable, String column) {
        String wide = quote(column + "__widening");
        return List.of(
                "ALTER TABLE " + qualifiedTable + " ADD COLUMN " + wide + " TEXT",
                "UPDATE " + qualifiedTable + " SET " + wide + " = CAST(" + quote(column) + " AS TEXT)",
                "ALTER TABLE " + qualifiedTable + " DROP COLUMN " + quote(column),
                "ALTER TABLE " + qualifiedTable + " RENAME COLUMN " + wide + " TO " + quote(column));
    }

    @Override
    public String serialPrimaryKey(String column, String sequence) {
        return quote(column) + " INTEGER PRIMARY KEY AUTOINCREMENT";
    }

    @Override
    public String columnsQuery() {
        return "SELECT name, \"notnull\" FROM pragma_table_info(?) WHERE ? IS NULL OR 1 = 1";
    }

    @Override
    public List<String> createSchema(String schema) {
        throw new IllegalArgumentException("SQLite destinations have no schemas; drop ?schema= (or --schema) or"
                + " use another database file");
    }
}
