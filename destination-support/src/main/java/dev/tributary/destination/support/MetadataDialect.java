package dev.tributary.destination.support;

import dev.tributary.spi.destination.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What differs between SQL databases in the tables a destination keeps next to the entity tables
 * ({@link StateTable}, {@link SchemaHistory}, {@link EventLedger}): how names are quoted and qualified, the
 * auto-numbered id of the schema history, and how that history stores times and native types. Everything else is
 * shared SQL ({@code INSERT ... ON CONFLICT ... DO UPDATE}, as SQLite 3.24+, PostgreSQL 9.5+ and DuckDB have it).
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface MetadataDialect {

    /** Quotes an identifier that is already sanitised, doubling any double quote. */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The qualified, quoted name of {@code table} in {@code schema}, or in the default schema when absent. */
    default String qualify(Optional<String> schema, String table) {
        return schema.map(s -> quote(s) + ".").orElse("") + quote(table);
    }

    /**
     * The definition of an auto-numbered primary-key column named {@code column}, whose numbers give the order rows
     * were inserted in.
     *
     * @param sequence the qualified name of a sequence to number it with, for a database that needs one (created
     *     by {@link #createSequence}); others ignore it
     */
    String serialPrimaryKey(String column, String sequence);

    /** Statements creating {@code sequence} when missing, run before the table using it; none by default. */
    default List<String> createSequence(String sequence) {
        return List.of();
    }

    /** The native column type of a typed column. */
    String nativeType(ColumnType type);

    /**
     * Whether the schema history has a {@code native_type} column recording {@link #nativeType} of each column;
     * false by default.
     */
    default boolean recordsNativeTypes() {
        return false;
    }

    /** The column type of the schema history's {@code time}; {@code TEXT} (ISO-8601) by default. */
    default String historyTimeType() {
        return "TEXT";
    }

    /** Binds a time of the schema history as a parameter; ISO-8601 text by default. */
    default void bindHistoryTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        statement.setString(index, time.toString());
    }
}
