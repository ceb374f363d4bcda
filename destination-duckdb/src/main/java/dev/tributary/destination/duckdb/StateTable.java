package dev.tributary.destination.duckdb;

import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code _tributary_state} table, laid out as the runtime's JDBC destinations lay it out: one row per {@code
 * (prefix, entity)} holding its {@link SyncState}, times as ISO-8601 text. Stateless; thread-safe.
 */
final class StateTable {

    static final String NAME = "_tributary_state";

    private StateTable() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + NAME + " (prefix TEXT NOT NULL, entity TEXT NOT NULL,"
                    + " mode TEXT NOT NULL, finished INTEGER NOT NULL, position TEXT, since TEXT, max_cursor TEXT,"
                    + " updated_at TEXT NOT NULL, PRIMARY KEY (prefix, entity))");
        }
    }

    static Optional<SyncState> read(Connection connection, String prefix, String entity) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT mode, finished, position, since,"
                + " max_cursor FROM " + NAME + " WHERE prefix = ? AND entity = ?")) {
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

    /** Prepares the statement {@link #write} runs; the caller keeps it for the writer's lifetime. */
    static PreparedStatement prepareWrite(Connection connection) throws SQLException {
        return connection.prepareStatement("INSERT INTO " + NAME + " (prefix, entity, mode, finished, position,"
                + " since, max_cursor, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (prefix, entity) DO"
                + " UPDATE SET mode = excluded.mode, finished = excluded.finished, position = excluded.position,"
                + " since = excluded.since, max_cursor = excluded.max_cursor, updated_at = excluded.updated_at");
    }

    /** Stores the state as part of the caller's transaction, through a statement from {@link #prepareWrite}. */
    static void write(PreparedStatement statement, String prefix, String entity, SyncState state, Instant now)
            throws SQLException {
        statement.setString(1, prefix);
        statement.setString(2, entity);
        statement.setString(3, state.mode().name());
        statement.setInt(4, state.finished() ? 1 : 0);
        statement.setString(5, state.position().orElse(null));
        statement.setString(6, state.since().map(Instant::toString).orElse(null));
        statement.setString(7, state.maxCursor().map(Instant::toString).orElse(null));
        statement.setString(8, now.toString());
        statement.executeUpdate();
    }

    private static Optional<Instant> instant(String text) {
        return Optional.ofNullable(text).map(Instant::parse);
    }
}
