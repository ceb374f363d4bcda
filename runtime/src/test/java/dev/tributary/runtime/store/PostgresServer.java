package dev.tributary.runtime.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL server for the whole test run (started on first use, stopped when JUnit closes the root
 * context); each test gets a fresh database in it.
 */
final class PostgresServer implements ExtensionContext.Store.CloseableResource {

    private final EmbeddedPostgres postgres;

    private PostgresServer() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** The server shared by every test of this JVM. */
    static PostgresServer shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PostgresServer.class, type -> new PostgresServer(), PostgresServer.class);
    }

    /** Creates an empty database and returns its JDBC URL, with user and password. */
    String freshDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return postgres.getJdbcUrl("postgres", name) + "&password=postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
