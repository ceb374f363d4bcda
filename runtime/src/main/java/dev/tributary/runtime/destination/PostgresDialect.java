package dev.tributary.runtime.destination;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import dev.tributary.spi.destination.ColumnType;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PostgreSQL: JSON as {@code JSONB}, timestamps as {@code TIMESTAMPTZ}, schemas supported. Stateless and
 * thread-safe.
 */
final class PostgresDialect implements SqlDialect {

    // The wire protocol allows 65535 bind parameters per statement.
    private static final int MAX_PARAMETERS = 65_000;
    private static final int MAX_ROWS = 1_000;
    private static final Optional<ColumnArrays> ARRAYS = Optional.of(new PostgresArrays());

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String jsonType() {
        return "JSONB";
    }

    @Override
    public String timestampType() {
        return "TIMESTAMPTZ";
    }

    @Override
    public String jsonPlaceholder() {
        return "?::jsonb";
    }

    @Override
    public int maxRowsPerStatement(int columns) {
        return Math.min(MAX_ROWS, MAX_PARAMETERS / columns);
    }

    /** Rows as column arrays: one statement per table and batch, prepared once per layout. */
    @Override
    public Optional<ColumnArrays> columnArrays() {
        return ARRAYS;
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /**
     * Names the constraint uniquely: the staging table becomes the live table by renaming, and its constraint (an
     * index, which shares the schema's namespace with tables) would otherwise collide with the next staging table's.
     */
    @Override
    public String primaryKeyClause(String table, List<String> quotedColumns) {
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffffL);
        return "CONSTRAINT " + quote("pk_" + table.substring(0, Math.min(table.length(), 40)) + "_" + suffix)
                + " PRIMARY KEY (" + String.join(", ", quotedColumns) + ")";
    }

    @Override
    public String nativeType(ColumnType type) {
        return switch (type) {
            case STRING -> "TEXT";
            case INTEGER -> "BIGINT";
            case NUMBER -> "NUMERIC";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMPTZ";
            case DATE -> "DATE";
            case JSON -> "JSONB";
        };
    }

    @Override
    public void bind(PreparedStatement statement, int index, ColumnType type, Object value) throws SQLException {
        switch (type) {
            case STRING, JSON -> statement.setString(index, (String) value);
            case INTEGER -> statement.setObject(index, value, Types.BIGINT);
            case NUMBER -> statement.setObject(index, value, Types.NUMERIC);
            case BOOLEAN -> statement.setObject(index, value, Types.BOOLEAN);
            case TIMESTAMP -> statement.setObject(index, value == null ? null
                    : OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            case DATE -> statement.setObject(index, value, Types.DATE);
        }
    }

    @Override
    public List<String> widenToNumber(String qualifiedTable, String column) {
        return List.of("ALTER TABLE " + qualifiedTable + " ALTER COLUMN " + quote(column) + " TYPE NUMERIC USING "
                + quote(column) + "::NUMERIC");
    }

    @Override
    public String serialPrimaryKey(String column, String sequence) {
        return quote(column) + " BIGSERIAL PRIMARY KEY";
    }

    @Override
    public String columnsQuery() {
        // pg_catalog rather than information_schema.columns: the same answer, without the view's privilege checks
        // that made it the slowest query of a webhook delivery.
        return "SELECT a.attname, CASE WHEN a.attnotnull THEN 1 ELSE 0 END FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relname = ? AND n.nspname = COALESCE(?, current_schema())"
                + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    }

    @Override
    public List<String> createSchema(String schema) {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }
}
