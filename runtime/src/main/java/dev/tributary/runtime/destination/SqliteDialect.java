package dev.tributary.runtime.destination;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    @Override
    public List<String> createSchema(String schema) {
        throw new IllegalArgumentException("SQLite destinations have no schemas; drop ?schema= (or --schema) or"
                + " use another database file");
    }
}
