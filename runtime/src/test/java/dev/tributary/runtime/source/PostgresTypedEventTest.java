package dev.tributary.runtime.source;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Typed webhook events into embedded PostgreSQL: one server for the class, a fresh schema per check. */
class PostgresTypedEventTest extends TypedEventChecks {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;
    private final String schema = "typed_events_" + SCHEMAS.incrementAndGet();

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static String base() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    @Override
    String url() {
        return base() + "?user=postgres&schema=" + schema;
    }

    @Override
    Connection connection() throws SQLException {
        Connection connection = DriverManager.getConnection(base(), "postgres", "");
        connection.setSchema(schema);
        return connection;
    }

    @Override
    String table(String name) {
        return "\"" + schema + "\".\"" + name + "\"";
    }
}
