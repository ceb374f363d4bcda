package dev.tributary.runtime.destination;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Typed tables in embedded PostgreSQL, a fresh schema per check. */
class PostgresTypedTablesTest extends TypedTableChecks {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;
    private String schema;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void newSchema() throws SQLException {
        schema = "typed_" + SCHEMAS.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(base(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
    }

    private static String base() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    @Override
    JdbcDestination destination() {
        return JdbcDestination.open(DestinationUrl.parse(base() + "?user=postgres&schema=" + schema,
                Optional.empty(), name -> null), clock());
    }

    @Override
    Connection connection() throws SQLException {
        Connection connection = DriverManager.getConnection(base(), "postgres", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
        }
        return connection;
    }

    @Override
    String table(String name) {
        return schema + ".\"" + name + "\"";
    }

    @Override
    List<String> blobTableOfVersion10() {
        List<String> sql = new ArrayList<>(List.of(
                "CREATE TABLE \"stripe_customers\" (\"id\" TEXT NOT NULL, \"_record\" JSONB NOT NULL, \"_synced_at\""
                        + " TIMESTAMPTZ NOT NULL, \"_data_source\" TEXT NOT NULL, \"_deleted_at\" TIMESTAMPTZ,"
                        + " CONSTRAINT \"pk_stripe_customers_1\" PRIMARY KEY (\"id\"))",
                "CREATE TABLE IF NOT EXISTS \"_tributary_state\" (prefix TEXT NOT NULL, entity TEXT NOT NULL,"
                        + " mode TEXT NOT NULL, finished INTEGER NOT NULL, position TEXT, since TEXT, max_cursor TEXT,"
                        + " updated_at TEXT NOT NULL, PRIMARY KEY (prefix, entity))"));
        sql.addAll(blobRows("\"stripe_customers\"", "\"_tributary_state\""));
        return sql;
    }

    @Override
    String epochSeconds(String column) {
        return "CAST(extract(epoch FROM " + column + ") AS BIGINT)";
    }
}
