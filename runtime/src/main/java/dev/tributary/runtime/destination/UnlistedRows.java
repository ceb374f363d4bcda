package dev.tributary.runtime.destination;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Marks deleted the rows a complete listing did not write: every live row with no {@code _deleted_at} whose
 * {@code _synced_at} is before the listing began. SQLite keeps timestamps as ISO-8601 text with a varying number of
 * fraction digits, which does not sort as time ({@code 10:00:00Z} after {@code 10:00:00.5Z}), so there both sides
 * are compared as {@code julianday()} numbers; PostgreSQL compares {@code TIMESTAMPTZ} values.
 */
final class UnlistedRows {

    private UnlistedRows() {
    }

    /** Runs inside the caller's transaction; returns how many rows were marked. */
    static long markDeleted(Connection connection, EntityTableSql sql, String table, Instant listingStartedAt,
            Instant deletedAt) throws SQLException {
        boolean sqlite = sql.dialect() instanceof SqliteDialect;
        String before = sqlite ? "julianday(\"_synced_at\") < julianday(?)" : "\"_synced_at\" < ?";
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + sql.qualified(table)
                + " SET \"_deleted_at\" = ?, \"_synced_at\" = ? WHERE \"_deleted_at\" IS NULL AND " + before)) {
            sql.dialect().bindTimestamp(statement, 1, deletedAt);
            sql.dialect().bindTimestamp(statement, 2, deletedAt);
            sql.dialect().bindTimestamp(statement, 3, listingStartedAt);
            return statement.executeUpdate();
        }
    }
}
