package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How a database takes the rows of one statement as one array parameter per column, {@code INSERT ... SELECT * FROM
 * unnest(?, ?, ...)}: the statement's text then does not depend on the number of rows, so one prepared statement
 * writes every batch of a layout. Offered by {@link SqlDialect#columnArrays()}. Implementations are stateless and
 * thread-safe.
 */
interface ColumnArrays {

    /** The placeholder of the array of a column's values, cast to an array of the column's type. */
    String placeholder(ColumnType type);

    /** The placeholder of a value shared by every row, cast to {@code sqlType}. */
    String scalar(String sqlType);

    /** Binds the values of a column (each of the Java class of {@code type}, or null) as one array parameter. */
    void bind(PreparedStatement statement, int index, ColumnType type, Object[] values) throws SQLException;
}
