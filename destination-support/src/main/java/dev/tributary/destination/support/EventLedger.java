package dev.tributary.destination.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The destination's memory of applied source events, in two tables next to the entity tables:
 * {@code _tributary_events} (one row per applied event id and prefix, so a redelivery is recognised) and
 * {@code _tributary_row_events} (per row: the time of the last change applied by an event and whether an event
 * deleted it, so an older event never overwrites a newer one and never revives a deleted row). Event times are
 * epoch milliseconds, compared as numbers. Every method works inside the caller's transaction. Stateless apart
 * from the qualified names; thread-safe.
 */
public final class EventLedger {

    /** The name of the table of applied event ids, before qualification. */
    public static final String EVENTS = "_tributary_events";
    /** The name of the table of per-row event times, before qualification. */
    public static final String ROW_EVENTS = "_tributary_row_events";

    private final String events;
    private final String rowEvents;

    /** The two tables in {@code schema} (the default schema when absent), named as {@code dialect} qualifies. */
    public EventLedger(MetadataDialect dialect, Optional<String> schema) {
        this.events = dialect.qualify(schema, EVENTS);
        this.rowEvents = dialect.qualify(schema, ROW_EVENTS);
    }

    /** Creates the two tables when missing. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + events + " (prefix TEXT NOT NULL, event_id TEXT NOT NULL,"
                    + " event_time BIGINT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (prefix, event_id))");
            statement.execute("CREATE TABLE IF NOT EXISTS " + rowEvents + " (prefix TEXT NOT NULL, entity TEXT NOT"
                    + " NULL, row_key TEXT NOT NULL, event_time BIGINT NOT NULL, deleted INTEGER NOT NULL,"
                    + " PRIMARY KEY (prefix, entity, row_key))");
        }
    }

    /**
     * Records the event id; first statement of the transaction, so that on SQLite the write lock is held from the
     * start and on PostgreSQL a concurrent delivery of the same id waits here until this one commits or rolls back.
     *
     * @return false when the id was recorded before: the event is a duplicate
     */
    public boolean recordEvent(Connection connection, String prefix, String eventId, Instant eventTime,
            Instant appliedAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + events + " (prefix, event_id,"
                + " event_time, applied_at) VALUES (?, ?, ?, ?) ON CONFLICT (prefix, event_id) DO NOTHING")) {
            statement.setString(1, prefix);
            statement.setString(2, eventId);
            statement.setLong(3, eventTime.toEpochMilli());
            statement.setString(4, appliedAt.toString());
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Moves a row's event time to {@code eventTime} when the row holds no later change and no event deleted it; an
     * upsert of the row follows only then. Locks the row's entry until the transaction ends, so concurrent events
     * for one row serialise.
     *
     * @return whether the upsert may be applied
     */
    public boolean advance(Connection connection, String prefix, String entity, String rowKey, Instant eventTime)
            throws SQLException {
        return upsertRow(connection, prefix, entity, rowKey, eventTime, false,
                "SET event_time = excluded.event_time WHERE r.deleted = 0 AND r.event_time <= excluded.event_time");
    }

    /**
     * Marks a row deleted by an event, whatever its event time (a deletion at the source is final).
     *
     * @return false when an event had deleted it already
     */
    public boolean delete(Connection connection, String prefix, String entity, String rowKey, Instant eventTime)
            throws SQLException {
        return upsertRow(connection, prefix, entity, rowKey, eventTime, true,
                "SET deleted = 1, event_time = excluded.event_time WHERE r.deleted = 0");
    }

    private boolean upsertRow(Connection connection, String prefix, String entity, String rowKey, Instant eventTime,
            boolean deleted, String onConflict) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + rowEvents + " AS r (prefix,"
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
