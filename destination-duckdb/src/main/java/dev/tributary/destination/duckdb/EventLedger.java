package dev.tributary.destination.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The destination's memory of applied source events, in the two tables the runtime's SQLite and PostgreSQL
 * destinations keep: {@code _tributary_events} (one row per applied event id and prefix, so a redelivery is
 * recognised) and {@code _tributary_row_events} (per row: the time of the last change applied by an event and
 * whether an event deleted it, so an older event never overwrites a newer one and never revives a deleted row).
 * Event times are epoch milliseconds. Every method works inside the caller's transaction. Stateless.
 */
final class EventLedger {

    static final String EVENTS = "_tributary_events";
    static final String ROW_EVENTS = "_tributary_row_events";

    private EventLedger() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + EVENTS + " (prefix VARCHAR NOT NULL, event_id VARCHAR"
                    + " NOT NULL, event_time BIGINT NOT NULL, applied_at VARCHAR NOT NULL, PRIMARY KEY (prefix,"
                    + " event_id))");
            statement.execute("CREATE TABLE IF NOT EXISTS " + ROW_EVENTS + " (prefix VARCHAR NOT NULL, entity VARCHAR"
                    + " NOT NULL, row_key VARCHAR NOT NULL, event_time BIGINT NOT NULL, deleted INTEGER NOT NULL,"
                    + " PRIMARY KEY (prefix, entity, row_key))");
        }
    }

    /** Records the event id; false when it was recorded before: the event is a duplicate. */
    static boolean recordEvent(Connection connection, String prefix, String eventId, Instant eventTime,
            Instant appliedAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + EVENTS + " (prefix, event_id,"
                + " event_time, applied_at) VALUES (?, ?, ?, ?) ON CONFLICT (prefix, event_id) DO NOTHING")) {
            statement.setString(1, prefix);
            statement.setString(2, eventId);
            statement.setLong(3, eventTime.toEpochMilli());
            statement.setString(4, appliedAt.toString());
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Moves a row's event time to {@code eventTime} when the row holds no later change and no event deleted it.
     *
     * @return whether the upsert may be applied
     */
    static boolean advance(Connection connection, String prefix, String entity, String rowKey, Instant eventTime)
            throws SQLException {
        return upsertRow(connection, prefix, entity, rowKey, eventTime, false,
                "SET event_time = excluded.event_time WHERE r.deleted = 0 AND r.event_time <= excluded.event_time");
    }

    /**
     * Marks a row deleted by an event, whatever its event time (a deletion at the source is final).
     *
     * @return false when an event had deleted it already
     */
    static boolean delete(Connection connection, String prefix, String entity, String rowKey, Instant eventTime)
            throws SQLException {
        return upsertRow(connection, prefix, entity, rowKey, eventTime, true,
                "SET deleted = 1, event_time = excluded.event_time WHERE r.deleted = 0");
    }

    private static boolean upsertRow(Connection connection, String prefix, String entity, String rowKey,
            Instant eventTime, boolean deleted, String onConflict) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + ROW_EVENTS + " AS r (prefix,"
                + " entity, row_key, event_time, deleted) VALUES (?, ?, ?, ?, ?) ON CONFLICT (prefix, entity, row_key)"
                + " DO UPDATE " + onConflict)) {
            statement.setString(1, prefix);
            statement.setString(2, entity);
            statement.setString(3, rowKey);
            statement.setLong(4, eventTime.toEpochMilli());
            statement.setInt(5, deleted ? 1 : 0);
            return statement.executeUpdate() == 1;
        }
    }
}
