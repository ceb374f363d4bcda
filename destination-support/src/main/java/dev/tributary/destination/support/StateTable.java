package dev.tributary.destination.support;

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
