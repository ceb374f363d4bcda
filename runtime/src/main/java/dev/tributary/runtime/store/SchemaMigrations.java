package dev.tributary.runtime.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Brings a store's schema to the newest version this Tributary knows, one versioned script at a time, all in one
 * transaction, and refuses a store whose schema is newer.
 *
 * <p>Applied versions are rows of {@code tributary_schema_version}. Two processes starting on the same store at
 * once are serialised: SQLite connections begin transactions {@code IMMEDIATE}, PostgreSQL locks the version table.
 * A small runner of our own rather than Flyway: the store has a handful of scripts, and this keeps SQLite locking
 * under our control. Thread-safe.
 */
final class SchemaMigrations {

    /** Every migration, in order. Append only; never edit a released script. */
    static final List<Migration> ALL = List.of(new Migration(1, "initial_schema"),
            new Migration(2, "webhook_activity"), new Migration(3, "discarded_rows"));

    private final List<Migration> migrations;
    private final String resourceRoot;
    private final Clock clock;

    SchemaMigrations(List<Migration> migrations, String resourceRoot, Clock clock) {
        this.migrations = List.copyOf(migrations);
        this.resourceRoot = Objects.requireNonNull(resourceRoot, "resourceRoot");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration versions must be consecutive from 1");
            }
        }
    }

    /** The production migrations. */
    static SchemaMigrations standard(Clock clock) {
        return new SchemaMigrations(ALL, "/dev/tributary/runtime/store/migrations/", clock);
    }

    /** The newest version these migrations reach. */
    int latest() {
        return migrations.size();
    }

    /**
     * Applies every missing migration inside the caller's transaction.
     *
     * @return the versions applied, empty when the schema was current
     * @throws StoreVersionException when the store has a version newer than {@link #latest()}
     */
    List<Integer> migrate(Connection connection, StoreLocation location) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS tributary_schema_version (version INTEGER PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, installed_at BIGINT NOT NULL)");
            if (location.dialect() == StoreDialect.POSTGRESQL) {
                statement.execute("LOCK TABLE tributary_schema_version IN EXCLUSIVE MODE");
            }
        }
        int current = currentVersion(connection);
        if (current > latest()) {
            throw new StoreVersionException(location, current, latest());
        }
        List<Migration> pending = migrations.subList(current, migrations.size());
        for (Migration migration : pending) {
            apply(connection, location.dialect(), migration);
        }
        return pending.stream().map(Migration::version).toList();
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM tributary_schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void apply(Connection connection, StoreDialect dialect, Migration migration) throws SQLException {
        String path = resourceRoot + dialect.migrationFolder() + "/" + migration.scriptName();
        try (Statement statement = connection.createStatement()) {
            for (String sql : read(path).split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO tributary_schema_version (version, description, installed_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setLong(3, clock.millis());
            insert.executeUpdate();
        }
    }

    private static String read(String path) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + path + " is missing from the runtime jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + path, e);
        }
    }
}
