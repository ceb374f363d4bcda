package dev.tributary.runtime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;

/**
 * The database behind data sources, runs and leases: opens connections to SQLite or PostgreSQL and runs work in
 * transactions. {@link #open} migrates the schema first.
 *
 * <p>Each unit of work gets its own connection, so a {@code Store} is thread-safe and several processes may share
 * one database. SQLite connections use write-ahead logging, a 10 s busy timeout and {@code IMMEDIATE} transactions
 * for writes (the write lock is taken at {@code BEGIN}, so two writers queue instead of failing on lock upgrade);
 * {@link #read} transactions are deferred and, under write-ahead logging, never wait for a writer.
 */
public final class Store {

    private final StoreLocation location;

    private Store(StoreLocation location) {
        this.location = location;
    }

    /**
     * Opens the store at {@code location}, creating the SQLite file's folder if needed, and migrates its schema.
     *
     * @throws StoreVersionException when a newer Tributary wrote the store
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static Store open(StoreLocation location, Clock clock) {
        return open(location, SchemaMigrations.standard(clock));
    }

    static Store open(StoreLocation location, SchemaMigrations migrations) {
        Objects.requireNonNull(location, "location");
        Store store = new Store(location);
        store.createFolder();
        store.inTransaction("schema migration", connection -> migrations.migrate(connection, location));
        return store;
    }

    /**
     * Checks that the database answers a trivial query now, as a readiness probe does.
     *
     * @throws StoreException when it cannot be reached
     */
    public void checkReachable() {
        read("reachability check", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            return null;
        });
    }

    /** Where the store lives. */
    public StoreLocation location() {
        return location;
    }

    /**
     * Runs {@code work} in a transaction on a fresh connection: commits when it returns, rolls back when it
     * throws.
     *
     * @param operation names the work in a {@link StoreException}
     */
    <T> T inTransaction(String operation, SqlWork<T> work) {
        return inTransaction(operation, work, true);
    }

    /**
     * Runs read-only {@code work} in a transaction that sees one snapshot. On SQLite it is deferred, so it does not
     * wait for the write lock and readers never queue behind a sync recording its run.
     *
     * @param operation names the work in a {@link StoreException}
     */
    <T> T read(String operation, SqlWork<T> work) {
        return inTransaction(operation, work, false);
    }

    private <T> T inTransaction(String operation, SqlWork<T> work, boolean writes) {
        try (Connection connection = connect(writes)) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(location, operation, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private Connection connect(boolean writes) throws SQLException {
        Properties properties = new Properties();
        if (location.dialect() == StoreDialect.SQLITE) {
            properties.setProperty("journal_mode", "WAL");
            properties.setProperty("busy_timeout", "10000");
            properties.setProperty("transaction_mode", writes ? "IMMEDIATE" : "DEFERRED");
        }
        return DriverManager.getConnection(location.jdbcUrl(), properties);
    }

    private void createFolder() {
        if (location.dialect() != StoreDialect.SQLITE) {
            return;
        }
        String file = location.jdbcUrl().substring("jdbc:sqlite:".length());
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException(location, "creating folder " + parent, e);
        }
    }

    @Override
    public String toString() {
        return "Store[" + location + "]";
    }
}
