package dev.tributary.destination.support;

import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The {@code _tributary_state} table: one row per {@code (prefix, entity)} holding its {@link SyncState}. Times are
 * ISO-8601 text so every database stores them alike. Every method works inside the caller's transaction. Stateless
 * apart from its qualified name; thread-safe.
 */
public final class StateTable {

    /** The table's name, before qualification. */
    public static final String NAME = "_tributary_state";

    private final String table;

    /** The state table in {@code schema} (the default schema when absent), named as {@code dialect} qualifies. */
    public StateTable(MetadataDialect dialect, Optional<String> schema) {
        this.table = dialect.qualify(schema, NAME);
    }

    /** Creates the table when missing. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (prefix TEXT NOT NULL, entity TEXT NOT NULL,"
                    + " mode TEXT NOT NULL, finished INTEGER NOT NULL, position TEXT, since TEXT, max_cursor TEXT,"
                    + " updated_at TEXT NOT NULL, PRIMARY KEY (prefix, entity))");
        }
    }

    /** The state stored for the entity, empty when none is. */
    public Optional<SyncState> read(Connection connection, String prefix, String entity) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT mode, finished, position, since,"
                + " max_cursor FROM " + table + " WHERE prefix = ? AND entity = ?")) {
            statement.setString(1, prefix);
            statement.setString(2, entity);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SyncState(SyncMode.valueOf(rows.getString(1)), rows.getInt(2) == 1,
                        Optional.ofNullable(rows.getString(3)), instant(rows.getString(4)),
                        instant(rows.getString(5))));
            }
        }
    }

    /** Stores the state as part of the caller's transaction. */
    public void write(Connection connection, String prefix, String entity, SyncState state, Instant now)
            throws SQLException {
        try (PreparedStatement statement = prepareWrite(connection)) {
            write(statement, prefix, entity, state, now);
        }
    }

    /**
     * Prepares the statement {@link #write(PreparedStatement, String, String, SyncState, Instant)} runs, for a
     * writer that keeps it across transactions; the caller closes it.
     */
    public PreparedStatement prepareWrite(Connection connection) throws SQLException {
        return connection.prepareStatement("INSERT INTO " + table + " (prefix, entity, mode, finished, position,"
                + " since, max_cursor, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (prefix, entity) DO"
                + " UPDATE SET mode = excluded.mode, finished = excluded.finished, position = excluded.position,"
                + " since = excluded.since, max_cursor = excluded.max_cursor, updated_at = excluded.updated_at");
    }

    /** Stores the state as part of the caller's transaction, through a statement from {@link #prepareWrite}. */
    public void write(PreparedStatement statement, String prefix, String entity, SyncState state, Instant now)
            throws SQLException {
        bind(statement, prefix, entity, state, now).executeUpdate();
    }

    private static PreparedStatement bind(PreparedStatement statement, String prefix, String entity, SyncState state,
            Instant now) throws SQLException {
        statement.setString(1, prefix);
        statement.setString(2, entity);
        statement.setString(3, state.mode().name());
        statement.setInt(4, state.finished() ? 1 : 0);
        statement.setString(5, state.position().orElse(null));
        statement.setString(6, state.since().map(Instant::toString).orElse(null));
        statement.setString(7, state.maxCursor().map(Instant::toString).orElse(null));
        statement.setString(8, now.toString());
        return statement;
    }

    /**
     * Stores {@code merge.apply(stored, proposed)} as part of the caller's transaction, {@code stored} being the state
     * read under the lock of its row (empty when there was none): inserts the row when missing (holding the new row),
     * or else locks it with an update that changes nothing, then reads it and writes the merged state. On PostgreSQL
     * the lock is held until the commit, and a writer inserting a row another transaction has just inserted waits
     * for that one to end; SQLite's immediate write transactions are exclusive already; DuckDB fails the update of a
     * row another open transaction changed.
     */
    public void merge(Connection connection, String prefix, String entity,
            BiFunction<Optional<SyncState>, SyncState, SyncState> merge, SyncState proposed, Instant now)
            throws SQLException {
        Optional<SyncState> stored = Optional.empty();
        if (!insertMissing(connection, prefix, entity, proposed, now)) {
            try (PreparedStatement lock = connection.prepareStatement("UPDATE " + table
                    + " SET updated_at = updated_at WHERE prefix = ? AND entity = ?")) {
                lock.setString(1, prefix);
                lock.setString(2, entity);
                lock.executeUpdate();
            }
            stored = read(connection, prefix, entity);
        }
        SyncState merged = Objects.requireNonNull(merge.apply(stored, proposed),
                "the state merge function returned null");
        write(connection, prefix, entity, merged, now);
    }

    /** Inserts the state when the entity has no row; whether it did. */
    private boolean insertMissing(Connection connection, String prefix, String entity, SyncState state, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table + " (prefix, entity,"
                + " mode, finished, position, since, max_cursor, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (prefix, entity) DO NOTHING")) {
            return bind(statement, prefix, entity, state, now).executeUpdate() == 1;
        }
    }

    private static Optional<Instant> instant(String text) {
        return Optional.ofNullable(text).map(Instant::parse);
    }
}
