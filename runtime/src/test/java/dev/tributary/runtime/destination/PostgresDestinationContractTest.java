package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.testkit.DestinationContract;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The built-in JDBC destination on PostgreSQL keeps the testkit's destination contract: one embedded server for the
 * class, a fresh schema per check.
 */
class PostgresDestinationContractTest extends DestinationContract {

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

    private static String base() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    @Override
    protected DestinationProvider provider() {
        return new JdbcDestinationProvider();
    }

    @Override
    protected String destinationUrl(Path directory) {
        schema = "contract_" + SCHEMAS.incrementAndGet();
        return base() + "?user=postgres&schema=" + schema;
    }

    @Override
    protected List<Map<String, Object>> readRows(String url, EntityTable table) throws Exception {
        try (Connection connection = DriverManager.getConnection(base(), "postgres", "")) {
            return JdbcRows.read(connection, Optional.of(schema), table);
        }
    }

    @Override
    protected List<String> urlsWithPassword(String password) {
        return List.of(base() + "?user=postgres&password=" + password + "&schema=" + schema,
                "jdbc:postgresql://localhost:1/postgres?user=postgres&password=" + password);
    }
}
