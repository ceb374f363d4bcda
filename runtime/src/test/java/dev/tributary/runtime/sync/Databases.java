package dev.tributary.runtime.sync;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** The two real databases the engine is tested against: SQLite files and an embedded PostgreSQL server. */
final class Databases {

    private Databases() {
    }

    /** Starts a PostgreSQL server; the caller closes it. */
    static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A harness writing into {@code schema} of the server's {@code postgres} database. */
    static SyncHarness postgres(EmbeddedPostgres server, String schema) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("currentSchema", schema);
        return new SyncHarness("jdbc:postgresql://localhost:" + server.getPort() + "/postgres?user=postgres&schema="
                + schema, properties);
    }

    static SyncHarness sqlite(Path directory) {
        return SyncHarness.sqlite(directory);
    }
}
