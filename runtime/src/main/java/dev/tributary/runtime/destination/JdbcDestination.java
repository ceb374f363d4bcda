package dev.tributary.runtime.destination;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.destination.support.SchemaHistory;
import dev.tributary.destination.support.StateTable;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A SQL database reached through JDBC (SQLite or PostgreSQL): each entity in its own table, the sync state in
 * {@code _tributary_state} next to them. Every {@link EntityWriter} holds its own connection; short reads open one
 * each.
 *
 * <p>Thread-safe.
 */
public final class JdbcDestination implements Destination {

    private final DestinationUrl url;
    private final StateTable stateTable;
    private final SchemaHistory history;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final JdbcEventApplier events;

    private JdbcDestination(DestinationUrl url, Clock clock) {
        this.url = url;
        this.clock = clock;
        this.stateTable = new StateTable(url.dialect(), url.schema());
        this.history = new SchemaHistory(url.dialect(), url.schema());
        this.events = new JdbcEventApplier(this, url, stateTable, json, clock);
    }

    /**
     * Opens the destination: creates the SQLite file's directory, connects once, and creates the schema and the
     * state table when missing.
     *
     * @throws DestinationException naming the destination (without credentials) when it cannot be reached
     */
    public static JdbcDestination open(DestinationUrl url, Clock clock) {
        url.file().map(file -> file.getParent()).ifPresent(directory -> {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new DestinationException("cannot create the directory of " + url.describe() + ": "
                        + e.getMessage(), new UncheckedIOException(e));
            }
        });
        JdbcDestination destination = new JdbcDestination(url, clock);
        try (Connection connection = destination.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : url.schema().map(s -> url.dialect().createSchema(s)).orElse(List.of())) {
                    statement.execute(sql);
                }
            }
            destination.stateTable.create(connection);
            destination.history.create(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new DestinationException("cannot open destination " + url.describe() + ": " + e.getMessage(), e);
        }
        return destination;
    }

    Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(url.jdbcUrl(), url.properties());
        } catch (SQLException e) {
            throw new SQLException("cannot connect to " + url.dialect().name() + " (" + e.getMessage() + ")",
                    e.getSQLState(), e);
        }
    }

    @Override
    public String describe() {
        return url.describe();
    }

    @Override
    public Optional<SyncState> readState(EntityTable table) {
        try (Connection connection = connect()) {
            return stateTable.read(connection, table.prefix(), table.entity());
        } catch (SQLException e) {
            throw new DestinationException("cannot read the sync state of entity '" + table.entity() + "' from "
                    + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public EntityWriter openWriter(EntityTable table, SyncState state) {
        TableNames names = TableNames.of(table);
        SqlDialect dialect = url.dialect();
        Connection connection = null;
        try {
            connection = connect();
            connection.setAutoCommit(false);
            EntityTableSql sql = new EntityTableSql(dialect, url.schema(), names);
            TypedTables typed = new TypedTables(dialect, url.schema(), history, table, state.mode(), json);
            typed.prepare(connection, state, clock.instant());
            connection.commit();
            // Batches begin their own transactions; holding none in between leaves SQLite's lock to others.
            connection.setAutoCommit(true);
            return new JdbcEntityWriter(connection, sql, stateTable, table, state.mode(), json, clock, typed);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DestinationException("cannot prepare table " + names.live() + " in " + describe() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Typed tables from each batch's {@link dev.tributary.spi.destination.TypedWrite}; see {@link TypedTables}. */
    @Override
    public boolean typedTables() {
        return true;
    }

    /** The layout recorded in {@code _tributary_schema}, cut to the live tables' columns. */
    @Override
    public Optional<EntityLayout> readLayout(EntityTable table) {
        try (Connection connection = connect()) {
            return TypedTables.readLayout(connection, url.dialect(), url.schema(), history, table);
        } catch (SQLException e) {
            throw new DestinationException("cannot read the typed layout of entity '" + table.entity() + "' from "
                    + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Applies a source event in one transaction; see {@link JdbcEventApplier}. */
    @Override
    public EventApplied applyEvent(EventWrite event) {
        try {
            return events.apply(event);
        } catch (SQLException | RuntimeException e) {
            throw new DestinationException("cannot apply event " + event.eventId() + " in " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // Closing below releases the transaction anyway.
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing is pending: the transaction was rolled back or committed.
        }
    }

    @Override
    public void close() {
        // Connections are owned by writers and reads; nothing is pooled.
    }
}
