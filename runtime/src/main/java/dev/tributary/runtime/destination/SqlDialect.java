package dev.tributary.runtime.destination;

import dev.tributary.destination.support.MetadataDialect;
import dev.tributary.spi.destination.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What differs between the SQL databases the JDBC destination writes to: column types, how JSON and timestamps are
 * bound, how many rows fit one statement (or whether a statement takes them as column arrays), and how a staging
 * table replaces a live one, beyond what a {@link MetadataDialect} says (quoting, native types, the schema history's
 * id). Everything else is shared SQL ({@code INSERT ... ON CONFLICT ... DO UPDATE}, supported by SQLite 3.24+ and
 * PostgreSQL 9.5+).
 *
 * <p>Implementations are stateless and thread-safe.
 */
interface SqlDialect extends MetadataDialect {

    /** The database's name for messages, e.g. {@code SQLite}. */
    String name();

    /** The column type of {@code _record}. */
    String jsonType();

    /** The column type of {@code _synced_at} and {@code _deleted_at}. */
    String timestampType();

    /** The placeholder for the JSON parameter, e.g. {@code ?::jsonb}. */
    String jsonPlaceholder();

    /** The largest number of rows in one multi-row statement of {@code columns} columns. */
    int maxRowsPerStatement(int columns);

    /**
     * How the database takes a statement's rows as one array parameter per column instead of a multi-row
     * {@code VALUES} list of at most {@link #maxRowsPerStatement} rows; empty when it does not.
     */
    default Optional<ColumnArrays> columnArrays() {
        return Optional.empty();
    }

    /** Binds a timestamp parameter. */
    void bindTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException;

    /** A clause declaring the primary key of a new table named {@code table}. */
    String primaryKeyClause(String table, List<String> quotedColumns);

    /** Binds a typed value (of the Java class of {@code type}, or null) as a parameter of a column of that type. */
    void bind(PreparedStatement statement, int index, ColumnType type, Object value) throws SQLException;

    /** The placeholder of a typed value's parameter, e.g. {@code ?::jsonb} for JSON in PostgreSQL. */
    default String placeholder(ColumnType type) {
        return type == ColumnType.JSON ? jsonPlaceholder() : "?";
    }

    /**
     * Statements, run in the batch's transaction, that change the type of data column {@code column} of
     * {@code qualifiedTable} from {@link ColumnType#INTEGER} to {@link ColumnType#NUMBER} keeping every value.
     */
    List<String> widenToNumber(String qualifiedTable, String column);

    /**
     * A query of one table's columns: bound with the table name and the schema (null for the default), it gives
     * each column's name and whether it is declared NOT NULL ({@code 1}) or not ({@code 0}); no rows when the table
     * does not exist.
     */
    String columnsQuery();

    /** Statements that create the schema when missing; empty when the dialect has no schemas. */
    List<String> createSchema(String schema);

    /** Statements, run in one transaction, that replace {@code live} with {@code staging}. */
    default List<String> swap(Optional<String> schema, String live, String staging) {
        return List.of(
                "DROP TABLE IF EXISTS " + qualify(schema, live),
                "ALTER TABLE " + qualify(schema, staging) + " RENAME TO " + quote(live));
    }
}
