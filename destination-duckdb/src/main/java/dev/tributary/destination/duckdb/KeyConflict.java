package dev.tributary.destination.duckdb;

import java.sql.SQLException;

/**
 * A row appended straight into a table ({@link TypedTables}) met a row of the same primary key already there. DuckDB
 * keeps the rows appended before it in the transaction, so the caller rolls the transaction back and writes the batch
 * again through the staging tables, which replace rows.
 */
final class KeyConflict extends SQLException {

    private static final long serialVersionUID = 1L;

    KeyConflict(String table, SQLException cause) {
        super("a key appended into " + table + " is there already: " + cause.getMessage(), cause);
    }

    /** Whether DuckDB's error is a primary-key violation, the one error a retry through staging resolves. */
    static boolean isKeyViolation(SQLException e) {
        return String.valueOf(e.getMessage()).contains("violates primary key constraint");
    }
}
