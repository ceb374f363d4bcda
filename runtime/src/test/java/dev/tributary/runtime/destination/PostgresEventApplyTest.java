package dev.tributary.runtime.destination;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Event application into embedded PostgreSQL: one server for the class, a fresh schema per check. */
class PostgresEventApplyTest extends EventApplyChecks {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;
    private final String schema = "events_" + SCHEMAS.incrementAndGet();

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
    Connection connect() throws Exception {
        return DriverManager.getConnection(base(), "postgres", "");
    }

    @Override
    Optional<String> schema() {
        return Optional.of(schema);
    }
}
