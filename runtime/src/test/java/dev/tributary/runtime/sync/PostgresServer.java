package dev.tributary.runtime.sync;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL server for the tests of a class, started before the first and stopped after the last:
 * {@code @RegisterExtension static final PostgresServer POSTGRES = new PostgresServer();}
 */
final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = Databases.startPostgres();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    /** A harness writing into {@code schema} of the server's {@code postgres} database. */
    SyncHarness harness(String schema) {
        return Databases.postgres(server, schema);
    }

    /** The JDBC URL of the server's {@code postgres} database, as user {@code postgres}. */
    String url() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }
}
